import { describe, expect, it } from "vitest";
import { classify } from "./classify";
import { loadDefaultModel } from "./load";

// Smoke tests of the shipped model on items written for this test (not from the evaluation set).
describe("default model", () => {
  it.each([
    ["Minsk flights and tourist visas: how migrants were steered to the Lithuanian border", "instrumentalised-migration"],
    ["NGO rescue ship barred from port after saving 80 people at sea", "human-rights-protection"],
    ["EU and Mauritania sign migration partnership on root causes", "drivers-external-cooperation"],
    ["Poll shows rising hostility towards refugees as far-right campaign blames them for crime", "public-attitudes"],
    ["Few Dublin transfers take place as asylum seekers move on to Germany", "secondary-movements"],
    ["Language courses and faster recognition of qualifications to help refugees find jobs", "integration-inclusion"],
    ["Biometric data of travellers to be stored in the new Entry/Exit System", "data-forecasting-technology"],
    ["Human trafficking ring forced migrant workers into debt bondage", "trafficking-smuggling"],
    ["Frontex doubles patrols at the external land border", "border-management"],
    ["Assisted voluntary return: returnees get reintegration support in Senegal", "return-reintegration"],
    ["Remittances from the diaspora overtake development aid", "migration-development"],
    ["Mayors of twenty cities launch a network for local integration policy", "local-governance"],
    ["Germany expands seasonal worker visas and talent partnerships", "legal-pathways"],
    ["Reception centres overcrowded as asylum applications rise", "asylum-reception-crisis"],
    ["WFP cuts food rations in refugee camps as funding runs out", "humanitarian-assistance"],
    ["Border guards from three countries complete a train-the-trainer course on document checks", "capacity-building"],
  ])("%s -> %s", async (title, theme) => {
    const c = classify(await loadDefaultModel(), { title });
    expect(c.themes).toContain(theme);
  });

  it.each([
    "Cranes gather as autumn bird migration peaks over the lake",
    "Retailer completes migration of its customer database to the cloud",
    "Dublin marathon sets a record for entries",
    "Police seize cocaine worth millions in drug trafficking raid",
    "What is the return on investment of rooftop solar?",
    "Carbon border adjustment mechanism: importers start paying",
    "Weather forecast: storms and flooding expected this weekend",
  ])("no theme for the look-alike %s", async (title) => {
    expect(classify(await loadDefaultModel(), { title }).themes).toEqual([]);
  });
});
