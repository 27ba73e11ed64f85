using AngleSharp.Dom;
using AiGov.Text.Html;

namespace AiGov.Text.Tests.Html;

public class ElementWalkTests
{
    [Fact]
    public void Finds_what_the_selector_finds_in_document_order()
    {
        var document = HtmlExtractor.Parser.ParseDocument(
            "<html><head><title>t</title></head><body><div id=a><p>1</p><div class=b><p>2</p><span>x</span></div></div>"
            + "<template><div>inside a template</div></template><section><div><div>3</div></div></section></body></html>");

        var walked = ElementWalk.Where(document, static element => element.LocalName is "div" or "p");

        Assert.Equal(document.QuerySelectorAll("div, p"), walked);
        Assert.Equal(document.QuerySelectorAll("*").Length, ElementWalk.All(document).Count);
    }

    [Fact]
    public void Walks_deeper_than_the_call_stack_would_allow()
    {
        var depth = 30_000;
        var document = HtmlExtractor.Parser.ParseDocument(
            "<html><body>" + string.Concat(Enumerable.Repeat("<span>", depth)) + "<b>deep</b></body></html>");

        Assert.Single(ElementWalk.Where(document, static element => element.LocalName == "b"));
    }

    [Fact]
    public void A_visitor_is_told_when_each_element_is_entered_and_left()
    {
        var root = HtmlExtractor.Parser.ParseDocument("<html><body><div id=root><p>a<b>b</b></p><br><i>c</i></div></body></html>")
            .GetElementById("root")!;
        var trace = new Trace([]);

        ElementWalk.Walk(root, ref trace);

        Assert.Equal(["<p>", "a", "<b>", "b", "</b>", "</p>", "<br>", "</br>", "<i>", "c", "</i>"], trace.Events);
    }

    private readonly struct Trace(List<string> events) : ElementWalk.IVisitor
    {
        public List<string> Events => events;

        public void Element(IElement element) => events.Add($"<{element.LocalName}>");

        public void Leave(IElement element) => events.Add($"</{element.LocalName}>");

        public void Text(string data) => events.Add(data);
    }
}
