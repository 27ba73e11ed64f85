namespace AiGov.Text.Tests;

/// <summary>Unrelated content appended in another writing system after the article ("foreign-tail").</summary>
public class ForeignTailTests
{
    private const string EnglishBody = """
        The regulator published its first guidance on general-purpose AI models on Monday, asking providers to document training data and evaluation results.

        Companies will have twelve months to comply, and smaller developers may ask for a simplified procedure.
        """;

    [Theory]
    [InlineData("Cyrillic", "Купить дешёвые билеты на концерт прямо сейчас по лучшей цене в городе.\n\nСкидки до пятидесяти процентов для всех новых покупателей.")]
    [InlineData("Arabic", "اشتر الآن أفضل الهواتف بأسعار مخفضة في جميع المتاجر.\n\nعروض خاصة لفترة محدودة فقط.")]
    [InlineData("Chinese", "最新网页游戏排行榜，免费注册即送大礼包。\n\n热门手游下载，玩家最爱的传奇游戏。")]
    [InlineData("Greek", "Αγοράστε τώρα τα καλύτερα προϊόντα με μεγάλες εκπτώσεις σε όλα τα καταστήματα.")]
    public void ATrailingRunInAnotherScript_AfterAnEnglishArticle_IsRemovedAsForeignTail(string script, string tail)
    {
        var result = BoilerplateRemover.Apply(EnglishBody + "\n\n" + tail);

        Assert.Contains("simplified procedure", result.Text);
        Assert.DoesNotContain(tail.Split('\n')[0], result.Text);
        var removed = Assert.Single(result.Removed, r => r.Label == "foreign-tail");
        Assert.True(removed.Text.Contains(tail.Split('\n')[0], StringComparison.Ordinal), script);
    }

    [Fact]
    public void ALatinTail_AfterARussianArticle_IsKept()
    {
        const string text = """
            Правительство опубликовало национальную стратегию развития искусственного интеллекта до две тысячи тридцатого года.

            Документ предусматривает создание центров обработки данных и программы подготовки специалистов.

            The full text is published in English as the National AI Strategy 2030 on the government portal.
            """;

        var result = BoilerplateRemover.Apply(text);

        Assert.Contains("National AI Strategy 2030", result.Text);
        Assert.DoesNotContain(result.Removed, r => r.Label == "foreign-tail");
    }

    [Fact]
    public void AQuoteInAnotherScript_InsideTheArticle_IsKept()
    {
        const string text = """
            The minister opened the summit with a line from a Russian poem.

            «Умом Россию не понять».

            Delegates then discussed export controls on advanced chips and the evaluation of frontier models.
            """;

        var result = BoilerplateRemover.Apply(text);

        Assert.Contains("Умом Россию не понять", result.Text);
        Assert.DoesNotContain(result.Removed, r => r.Label == "foreign-tail");
    }

    [Fact]
    public void AnArticleInOneScript_LosesNothing()
    {
        const string text = """
            Правительство опубликовало национальную стратегию развития искусственного интеллекта.

            Документ предусматривает создание центров обработки данных.
            """;

        Assert.DoesNotContain(BoilerplateRemover.Apply(text).Removed, r => r.Label == "foreign-tail");
    }

    [Theory]
    [InlineData("Hello, world", "Latin", 1.0)]
    [InlineData("人工智能", "Cjk", 1.0)]
    [InlineData("abc人工", "Cjk", 4 / 7.0)]
    [InlineData("Привет мир ok", "Cyrillic", 9 / 11.0)]
    [InlineData("123 !?", "None", 0.0)]
    public void Dominant_WeighsCjkTwice_AndCountsOnlyLetters(string text, string script, double share)
    {
        var dominant = ScriptCounter.Dominant(text);

        Assert.Equal(Enum.Parse<WritingScript>(script), dominant.Script);
        Assert.Equal(share, dominant.Share, 3);
    }
}
