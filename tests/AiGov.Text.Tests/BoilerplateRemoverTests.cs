namespace AiGov.Text.Tests;

public class BoilerplateRemoverTests
{
    private const string Body =
        "First paragraph of the article explains what happened at the summit in some detail.\n\n"
        + "Second paragraph adds context about the regulation and the reactions of governments.\n\n"
        + "Third paragraph closes the article with the outlook for the coming year and beyond.";

    [Fact]
    public void Tail_marker_in_last_part_cuts_to_the_end()
    {
        var text = Body + "\n\nRelated Posts\n\nSome teaser\n\nAnother teaser paragraph.";
        Assert.Equal(Body, BoilerplateRemover.Remove(text));
    }

    [Theory]
    [InlineData("Leave a Reply")]
    [InlineData("You Missed")]
    [InlineData("IMPORTANT NOTICE")]
    [InlineData("Share this article")]
    [InlineData("• 本文由 发表于 2024-10-23 04:46:24")]
    [InlineData("转载请注明:")]
    [InlineData("Special statement: if the pictures and texts reproduced infringe your rights, contact us.")]
    [InlineData("3 Comments")]
    [InlineData("You may also like")]
    [InlineData("Like this:")]
    [InlineData("Teilen Sie dies mit:")]
    [InlineData("Gefällt mir Lade …")]
    [InlineData("Ähnliche Beiträge")]
    [InlineData("Kommentar verfassen Antwort abbrechen")]
    [InlineData("Navigation des articles")]
    [InlineData("Deja una respuesta")]
    [InlineData("Navigazione articoli")]
    [InlineData("Deixe um comentário")]
    [InlineData("Geef een reactie")]
    [InlineData("Nawigacja wpisu")]
    public void Each_tail_marker_cuts(string marker)
    {
        var text = Body + "\n\n" + marker + "\n\nTrailing furniture that must go.";
        Assert.Equal(Body, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void A_comment_form_heading_cuts_from_a_fifth_of_the_text_on_but_a_like_button_only_in_the_last_half()
    {
        var sidebar = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Sidebar entry number {i} of the blog, with an archive link and a tag cloud."));

        Assert.Equal(Body, BoilerplateRemover.Remove(Body + "\n\nKommentar verfassen Antwort abbrechen\n\n" + sidebar));
        Assert.Equal(Body + "\n\n" + sidebar, BoilerplateRemover.Remove(Body + "\n\nGefällt mir\n\n" + sidebar));
    }

    [Fact]
    public void Tail_marker_early_in_the_text_only_drops_its_line()
    {
        var text = "Share this article\n\n" + Body;
        Assert.Equal(Body, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void Widget_labels_late_in_the_text_do_not_cut_the_article()
    {
        var text = Body + "\n\nAdvertisement\n\nSubscribe\n\nThe article goes on after the inline ad and newsletter box.";
        Assert.Equal(Body + "\n\nThe article goes on after the inline ad and newsletter box.", BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void Marker_words_inside_a_sentence_are_kept()
    {
        var text = Body + "\n\nReaders who leave a reply or subscribe to related posts were surveyed, and you missed nothing important.\n\nFinal line.";
        Assert.Equal(TextNormalizer.Normalize(text), BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void A_german_footer_word_in_the_last_half_drops_its_line_and_keeps_what_follows()
    {
        // "Datenschutz" is a footer link and a menu item; in a scraped text the menus can fill the first half.
        var text = Body + "\n\nDatenschutz\n\nThe last paragraph of the article stays where it is, after the menu item.";

        var cleaned = BoilerplateRemover.Remove(text);

        Assert.DoesNotContain("Datenschutz", cleaned, StringComparison.Ordinal);
        Assert.EndsWith("after the menu item.", cleaned, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Under the ruling the © sign protects the works used to train models, the court said.")]
    [InlineData("The photo shows the committee: members of parliament and experts from the agency.")]
    [InlineData("Lea el informe completo en la web del ministerio antes del lunes.")]
    [InlineData("The law was approved by the parliament, AFP reported.")]
    public void A_sentence_that_names_a_photo_or_a_credit_stays(string line)
    {
        var text = "Opening paragraph of the article.\n\n" + line + "\n\n" + Body;
        Assert.Contains(line, BoilerplateRemover.Remove(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ALSO READ: Satya Nadella’s Decade as Microsoft CEO: A Transformation Journey")]
    [InlineData("Read more: Alibaba & BMW: AI Tech Partnership Drives China Car Innovation")]
    [InlineData("Photo: CFP")]
    [InlineData("(Photo: Xinhua)")]
    [InlineData("Edit:Yi Jing Responsible editor:Li Nian")]
    [InlineData("Responsible editor: Li Nian")]
    [InlineData("Source:XinhuaNet")]
    [InlineData("Source: https://edition.cnn.com/2025/07/28/tech/china-global-ai")]
    [InlineData("• By Admin")]
    [InlineData("By Jane Doe")]
    [InlineData("By Admin September 20, 2024")]
    [InlineData("Posted by Li Nian | 2024-10-23 04:46")]
    [InlineData("• September 20, 2024")]
    [InlineData("2024-08-16")]
    [InlineData("27.01.2022")]
    [InlineData("12.12.2022, 08:30 Uhr")]
    [InlineData("Aktualisiert: 03.04.2020")]
    [InlineData("3:59 PM")]
    [InlineData("Your email address will not be published. Required fields are marked *")]
    [InlineData("By pressing the Subscribe button, you confirm that you have read our Privacy Policy.")]
    [InlineData("已关闭评论 3阅读模式")]
    [InlineData("Subscribe")]
    [InlineData("Advertisement")]
    [InlineData("The minister after the vote in parliament on Tuesday. © AFP / Jane Doe")]
    [InlineData("The minister urges a quick decision within the government. (Foto: dpa)")]
    [InlineData("Delegates at the summit in Seoul. Photo: Reuters")]
    [InlineData("Delegates leave the summit hall. | © John Smith/Getty Images")]
    [InlineData("Jane Doe / iStock.com")]
    [InlineData("Lea también: El Senado aprueba la ley de inteligencia artificial")]
    [InlineData("Czytaj też: Sejm przyjął ustawę o sztucznej inteligencji")]
    [InlineData("Lesen Sie auch: Die Kommission legt ihren Bericht vor")]
    [InlineData("Mehr zum Thema:")]
    [InlineData("Leia também: O Senado aprova a lei da inteligência artificial")]
    [InlineData("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert")]
    [InlineData("Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *")]
    [InlineData("3 Kommentare")]
    [InlineData("Alle Rechte vorbehalten.")]
    [InlineData("Partager sur Facebook")]
    public void Boilerplate_lines_are_dropped_anywhere(string line)
    {
        var text = "Opening paragraph of the article.\n\n" + line + "\n\n" + Body;
        Assert.Equal("Opening paragraph of the article.\n\n" + Body, BoilerplateRemover.Remove(text));
    }

    [Theory]
    [InlineData("By then, the talks had stalled.")]
    [InlineData("By then it was too late")]
    [InlineData("Editorial boards disagree: the law is too vague.")]
    [InlineData("Sources: " + "a senior official who asked not to be named said the talks had made progress on export controls, model evaluations and incident reporting, and that both sides would meet again in the spring to continue the discussion of the draft framework and its annexes in detail.")]
    [InlineData("Photographers were kept outside.")]
    [InlineData("Die Sitzung beginnt am 27.01.2022 um 10:30 Uhr im Rathaus.")]
    public void Similar_but_real_lines_are_kept(string line)
    {
        var text = "Opening paragraph of the article.\n\n" + line + "\n\n" + Body;
        Assert.Equal(text, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void Title_debris_is_dropped_but_sentences_quoting_the_title_are_kept()
    {
        const string title = "US needs to abandon hypocrisy in AI cooperation with China";
        var text = title + "\n\n百科" + title + "已关闭评论 3阅读模式\n\n" + title + ", experts say.\n\n" + Body;
        Assert.Equal(title + "\n\n" + title + ", experts say.\n\n" + Body, BoilerplateRemover.Remove(text, title));
    }

    [Fact]
    public void Repeated_title_line_after_the_first_is_dropped()
    {
        const string title = "What is FastGPT and How Does It Work?";
        var text = title + "\n\n" + Body + "\n\n" + title;
        Assert.Equal(title + "\n\n" + Body, BoilerplateRemover.Remove(text, title));
    }

    [Fact]
    public void Trailing_cjk_spam_after_latin_article_is_dropped()
    {
        var text = Body + "\n\nLayaBox李明:H5市场需更多研发商发力 明年或爆发\n\n2013ChinaJoy Cosplay嘉年华重庆赛区晋级名单公布\n\n《天下3》官方专辑首支单曲《煮酒听雨》发布。";
        Assert.Equal(Body, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void Chinese_article_is_not_treated_as_spam()
    {
        const string text = "中国提出全球人工智能治理行动计划。\n\n各国应加强合作，共同应对风险。";
        Assert.Equal(text, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void Cjk_quote_inside_latin_article_is_kept_when_not_trailing()
    {
        var text = "Opening paragraph.\n\n人工智能治理\n\n" + Body;
        Assert.Equal(text, BoilerplateRemover.Remove(text));
    }

    [Fact]
    public void FindSourceAttribution_returns_the_source_value()
    {
        Assert.Equal("https://edition.cnn.com/2025/07/28/tech", BoilerplateRemover.FindSourceAttribution(Body + "\nSource: https://edition.cnn.com/2025/07/28/tech"));
        Assert.Equal("XinhuaNet", BoilerplateRemover.FindSourceAttribution("Text\nSource:XinhuaNet\nMore"));
        Assert.Null(BoilerplateRemover.FindSourceAttribution(Body));
    }
}
