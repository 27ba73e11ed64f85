namespace AiGov.Text.Tests;

/// <summary>The boilerplate rules that use stop-word density (StopWords/*.txt): a trailing run in another language
/// of the same script ("foreign-tail") and a trailing list of short items without stop words ("link-list").</summary>
public class StopWordRulesTests
{
    private const string EnglishBody = """
        EU lawmakers agree on rules for general-purpose AI

        The European Parliament and the member states agreed on Friday on how providers of general-purpose AI models will have to document their training data.

        Companies will have twelve months to comply, and smaller developers may ask for a simplified procedure that the AI Office is expected to publish in the spring.

        Civil society groups said the deal was a first step but warned that the enforcement budget of the new office is far too small for the task.
        """;

    private const string SpanishAdvert = """
        Descubre las mejores ofertas de la semana en nuestra tienda en línea y ahorra hasta un cincuenta por ciento en todos los productos.

        Regístrate hoy y recibe un regalo de bienvenida con tu primera compra, solo para los nuevos clientes de la tienda.
        """;

    [Fact]
    public void A_spanish_advert_after_an_english_article_is_removed_as_foreign_tail()
    {
        var result = BoilerplateRemover.Apply(EnglishBody + "\n\n" + SpanishAdvert);

        Assert.Contains("far too small for the task.", result.Text);
        Assert.DoesNotContain("ofertas", result.Text);
        Assert.DoesNotContain("Regístrate", result.Text);
        var removed = Assert.Single(result.Removed, r => r.Label == "foreign-tail");
        Assert.StartsWith("Descubre las mejores ofertas", removed.Text);
        Assert.Contains("nuevos clientes de la tienda.", removed.Text);
    }

    [Fact]
    public void A_german_tail_after_an_english_article_is_removed_and_an_english_tail_after_a_french_one_too()
    {
        const string german = "Jetzt die besten Angebote der Woche sichern und bei allen Produkten im Shop bis zu fünfzig Prozent sparen, nur für kurze Zeit.";
        var english = BoilerplateRemover.Apply(EnglishBody + "\n\n" + german);
        Assert.DoesNotContain("Angebote", english.Text);
        Assert.Contains(english.Removed, r => r.Label == "foreign-tail" && r.Text == german);

        const string french = """
            Le Parlement européen et les États membres se sont mis d'accord vendredi sur les règles qui s'appliqueront aux modèles d'IA à usage général.

            Les entreprises auront douze mois pour se mettre en conformité, et les petits développeurs pourront demander une procédure simplifiée.

            Les associations de la société civile ont salué un premier pas mais jugent que le budget du nouveau bureau est bien trop faible.
            """;
        const string englishAdvert = "Sign up for our newsletter and get the best deals of the week on all of the products in the shop, only for a short time.";
        var fromFrench = BoilerplateRemover.Apply(french + "\n\n" + englishAdvert);
        Assert.Contains("bien trop faible.", fromFrench.Text);
        Assert.DoesNotContain("best deals", fromFrench.Text);
    }

    [Fact]
    public void A_quote_in_another_language_inside_the_article_is_kept()
    {
        var text = EnglishBody + "\n\n"
            + "La inteligencia artificial debe estar al servicio de las personas y no al revés, dijo la ministra en su discurso.\n\n"
            + "The minister's remarks were welcomed by the industry associations that attended the summit in Madrid.";

        var result = BoilerplateRemover.Apply(text);

        Assert.Contains("al servicio de las personas", result.Text);
        Assert.DoesNotContain(result.Removed, r => r.Label == "foreign-tail");
    }

    [Fact]
    public void A_document_followed_by_its_full_translation_keeps_both_languages()
    {
        const string english = """
            The national strategy sets out how the government will support research on artificial intelligence over the next five years.

            It creates a network of research centres, a fund for start-ups and a programme to train teachers in the use of new tools.
            """;
        const string french = """
            La stratégie nationale décrit comment le gouvernement soutiendra la recherche sur l'intelligence artificielle au cours des cinq prochaines années.

            Elle crée un réseau de centres de recherche, un fonds pour les jeunes pousses et un programme pour former les enseignants aux nouveaux outils.
            """;

        var result = BoilerplateRemover.Apply(english + "\n\n" + french);

        Assert.Contains("jeunes pousses", result.Text);
        Assert.Contains("train teachers", result.Text);
        Assert.DoesNotContain(result.Removed, r => r.Label == "foreign-tail");
    }

    [Fact]
    public void A_list_of_topics_after_the_last_sentence_is_removed_as_link_list()
    {
        var result = BoilerplateRemover.Apply(EnglishBody + "\n\nArtificial Intelligence\nEuropean Union\nTech Policy\nBrussels");

        Assert.EndsWith("far too small for the task.", result.Text);
        var removed = Assert.Single(result.Removed, r => r.Label == "link-list");
        Assert.Equal("Artificial Intelligence\nEuropean Union\nTech Policy\nBrussels", removed.Text);
    }

    [Fact]
    public void A_chinese_topic_list_after_a_chinese_article_is_removed_as_link_list()
    {
        const string text = """
            国家网信办发布生成式人工智能服务管理办法

            办法要求服务提供者对训练数据的来源负责，并在提供服务前进行安全评估。

            专家表示，这些规定将在保护用户权益的同时促进产业的健康发展。

            人工智能
            网络安全
            数据治理
            """;

        var result = BoilerplateRemover.Apply(text);

        Assert.EndsWith("促进产业的健康发展。", result.Text);
        Assert.Contains(result.Removed, r => r.Label == "link-list" && r.Text == "人工智能\n网络安全\n数据治理");
    }

    [Fact]
    public void A_list_the_article_introduces_with_a_colon_is_kept()
    {
        var text = EnglishBody + "\n\nThe regulation bans the following practices:\nSocial scoring\nEmotion recognition at work\nUntargeted facial scraping";

        var result = BoilerplateRemover.Apply(text);

        Assert.Contains("Untargeted facial scraping", result.Text);
        Assert.DoesNotContain(result.Removed, r => r.Label == "link-list");
    }

    [Theory]
    [InlineData("Jane Doe")]
    [InlineData("Bans\nFines")]
    [InlineData("The rules apply from August\nThey cover all providers")]
    [InlineData("Read the full text of the agreement\nSee our coverage of the AI Act")]
    public void Lines_with_stop_words_or_a_single_trailing_line_are_not_a_link_list(string tail)
    {
        var result = BoilerplateRemover.Apply(EnglishBody + "\n\n" + tail);

        Assert.DoesNotContain(result.Removed, r => r.Label == "link-list");
    }

    [Fact]
    public void A_text_that_is_only_a_list_is_not_emptied()
    {
        var result = BoilerplateRemover.Apply("Artificial Intelligence\nEuropean Union\nTech Policy");

        Assert.Contains("European Union", result.Text);
    }
}
