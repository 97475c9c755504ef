import { describe, expect, it } from "vitest";
import { decodeEntities, stripTags } from "./html-fallback";
import { htmlToText } from "./html";

describe("htmlToText", () => {
  it.each([
    ["named and numeric entities", "<p>Rights &amp; duties &#8217;n&#x2019; &lt;b&gt;</p>", "Rights & duties ’n’ <b>"],
    ["&nbsp; becomes a plain space", "<p>EU&nbsp;Pact&nbsp;&nbsp;2024</p>", "EU Pact 2024"],
    ["scripts and styles dropped", "<style>p{color:red}</style><p>Text</p><script>alert('x')</script>", "Text"],
    ["noscript and iframe dropped", "<p>A</p><noscript>Enable JS</noscript><iframe src='https://t.example/'>frame</iframe><p>B</p>", "A\n\nB"],
    ["images dropped", "<p>Before <img src='a.png' alt='alt text'> after</p>", "Before after"],
    ["link text kept without href", "<p>Read <a href='https://example.org/report.pdf'>the report</a>.</p>", "Read the report."],
    ["headings not upper-cased", "<h2>Asylum statistics</h2><p>Body</p>", "Asylum statistics\n\nBody"],
    ["list items on their own lines", "<ul><li>one</li><li>two</li></ul>", "- one\n- two"],
    ["ordered lists numbered", "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"],
    ["br becomes a line break", "line one<br>line two<br/>line three", "line one\nline two\nline three"],
    ["no hard wrapping", `<p>${"word ".repeat(60).trim()}</p>`, "word ".repeat(60).trim()],
    ["blank lines collapsed", "<p>a</p><p></p><p></p><div><br><br><br></div><p>b</p>", "a\n\nb"],
    ["table cells separated", "<table><tr><td>Country</td><td>Claims</td></tr><tr><td>DE</td><td>12</td></tr></table>", "Country Claims\nDE 12"],
    ["figure caption on its own line", "<figure><img src=x><figcaption>Photo: UNHCR</figcaption></figure><p>Text</p>", "Photo: UNHCR\n\nText"],
    ["CDATA leftovers unwrapped", "<![CDATA[<p>Inside &amp; out</p>]]>", "Inside & out"],
    ["stray CDATA end marker removed", "<p>Text</p>]]>", "Text"],
    ["comments dropped", "<p>A<!-- tracking pixel --> B</p>", "A B"],
    ["whitespace inside lines collapsed", "<p>  lots   of \n\t space  </p>", "lots of space"],
    ["empty input", "", ""],
  ])("%s", (_name, html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it.each([
    ["plain text keeps its line breaks", "First paragraph.\n\nSecond paragraph,\nsame paragraph.", "First paragraph.\n\nSecond paragraph,\nsame paragraph."],
    ["plain text is tidied", "  a  \r\n\r\n\r\n\r\n  b\t\tc  ", "a\n\nb c"],
    ["plain text with entities decoded, lines kept", "Fish &amp; chips\nline two", "Fish & chips\nline two"],
    ["a lone < is text", "3 < 5 and 7 > 2", "3 < 5 and 7 > 2"],
    ["an ampersand that is no entity stays", "R&D in asylum & migration", "R&D in asylum & migration"],
  ])("%s", (_name, text, expected) => {
    expect(htmlToText(text)).toBe(expected);
  });

  it("never throws on odd input", () => {
    for (const value of [undefined, null, 42, {}, "<<<>>>", "<p", "</p></div></body>", "<a href='x'", "&#xD800;&#99999999;"]) {
      expect(() => htmlToText(value as unknown as string)).not.toThrow();
    }
    expect(htmlToText(null as unknown as string)).toBe("");
  });
});

describe("fallback path", () => {
  it("strips tags, script bodies and keeps block breaks", () => {
    expect(stripTags("<p>a</p><script>x()</script><div>b<br>c</div>")).toBe("\na\n \nb\nc\n");
  });

  it("decodes entities and leaves unknown or invalid ones", () => {
    expect(decodeEntities("&amp; &#8217; &#x20AC; &rsquo; &bogus; &#xD800;")).toBe("& ’ € ’ &bogus; &#xD800;");
  });
});
