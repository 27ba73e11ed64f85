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
}
