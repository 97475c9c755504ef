/**
 * English function words dropped before TF-IDF and phrase matching. Our own list (natural's is
 * mutable and process-wide, keeps "between"/"under"/"over" but lacks "not"/"no"). Words that
 * carry meaning in this domain ("against", "return", "border", "between") are not here.
 */
const WORDS = `a about above after again all almost also although am among an and any are as at
be because been before being both but by can could did do does doing done down during each either
else even ever every few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less let like may me might mine more most
much must my myself neither no nor not now of off often on once one only or other others otherwise
our ours ourselves out own per perhaps quite rather re said same say says shall she should since so
some such than that the their theirs them themselves then there these they this those though thus
to too upon us very via was we well were what whatever when whenever where whereas whether which
while who whom whose why will with within without would yet you your yours yourself
yourselves etc ie eg cannot cant dont doesnt didnt isnt arent wasnt werent wont`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));
