using AiGov.Text;
using AiGov.Text.Boilerplate;
using Spectre.Console;

namespace AiGov.Cli;

/// <summary><c>aigov site-phrases</c>: finds the lines each site repeats across its stored articles and writes them as
/// the cleaner's site phrases file (<c>Cleaning__SitePhrasesPath</c>).</summary>
public sealed class SitePhrasesCommand(DocumentQueries queries, IAnsiConsole console, TextWriter output)
{
    public async Task<int> RunAsync(string? outPath, int minDocuments, double minShare, CancellationToken ct)
    {
        var documents = new List<(string Site, string Text)>();
        var unattributed = 0;
        await foreach (var (sourceUrl, source, text) in queries.SiteTextsAsync(ct))
        {
            if (SitePhrases.SiteKey(new ArticleMetadata(null, source, sourceUrl, null)) is { } site)
            {
                documents.Add((site, text));
            }
            else
            {
                unattributed++;
            }

            if ((documents.Count + unattributed) % 1000 == 0)
            {
                console.MarkupLineInterpolated($"[grey]read {documents.Count + unattributed:N0} documents…[/]");
            }
        }

        var phrases = SitePhrases.Mine(documents, minDocuments, minShare);
        var sites = documents.Select(d => d.Site).Distinct(StringComparer.Ordinal).Count();
        var header = $"""
            Site phrases: lines a site repeats in at least {minDocuments} and at least {minShare:P0} of its distinct stored articles.
            Written by `aigov site-phrases` on {DateTimeOffset.UtcNow:u} from {documents.Count:N0} documents of {sites:N0} sites.
            The cleaner drops these lines from that site's documents (audit label site-repeat). Review and edit freely:
            delete a line to keep it in the text; mining again rewrites the file.
            """;
        var file = phrases.Format(header);
        if (outPath is null)
        {
            await output.WriteAsync(file);
            await output.FlushAsync(ct);
        }
        else
        {
            var full = Path.GetFullPath(outPath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // Written under a temporary name and renamed: the cleaner never reads half a file.
            var temporary = full + ".tmp";
            await File.WriteAllTextAsync(temporary, file, ct);
            File.Move(temporary, full, overwrite: true);
        }

        console.MarkupLineInterpolated($"{documents.Count:N0} documents of {sites:N0} sites read ({unattributed:N0} without an address or source skipped): {phrases.PhraseCount:N0} phrases of {phrases.SiteCount:N0} sites{(outPath is null ? "" : $" written to {outPath}")}.");
        if (outPath is not null)
        {
            console.MarkupLine("The cleaner reads the file within 10 s when Cleaning__SitePhrasesPath names it (scripts/up.sh sets data/site-phrases.txt); documents already stored are cleaned again with [bold]scripts/aigov reprocess --from cleaning --all[/].");
        }

        return 0;
    }
}
