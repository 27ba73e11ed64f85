using AngleSharp.Dom;

namespace AiGov.Text.Html;

/// <summary>
/// The element that content-management systems name as the article body ("entry-content", "article-body",
/// itemprop=articleBody …), by the tiers of names in Html/body-names.txt (format at its top): the first tier with a
/// named element of enough text wins, as trafilatura tries its body expressions in order.
/// </summary>
internal sealed class BodyContainer
{
    private const string Resource = "AiGov.Text.Html.body-names.txt";
    private const string ItempropPrefix = "itemprop:";

    private static readonly Lazy<BodyContainer> s_embedded =
        new(() => Parse(DataFileLines.ReadEmbeddedFile(Resource), "Html/body-names.txt"));

    private readonly List<Tier> _tiers = [];

    private BodyContainer()
    {
    }

    public static BodyContainer Embedded => s_embedded.Value;

    public int TierCount => _tiers.Count;

    /// <summary>Parses the file format; a malformed line throws <see cref="FormatException"/> naming its line.</summary>
    public static BodyContainer Parse(string content, string sourceName)
    {
        var names = new BodyContainer();
        Tier? tier = null;
        foreach (var line in DataFileLines.Read(content))
        {
            if (line.Header is { } header)
            {
                if (!header.StartsWith("tier ", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException($"{sourceName}:{line.Number}: a section header is [tier N]; got '{line.Text}'.");
                }

                tier = new Tier([], [], []);
                names._tiers.Add(tier);
                continue;
            }

            if (tier is null)
            {
                throw new FormatException($"{sourceName}:{line.Number}: name '{line.Text}' before the first [tier N] header.");
            }

            if (line.Text.Contains(' ') || line.Text == "=")
            {
                throw new FormatException($"{sourceName}:{line.Number}: one name a line, 'name' or '=name'; got '{line.Text}'.");
            }

            if (line.Text.StartsWith("=" + ItempropPrefix, StringComparison.Ordinal))
            {
                tier.Itemprops.Add(line.Text[(1 + ItempropPrefix.Length)..]);
            }
            else if (line.Text.StartsWith('='))
            {
                tier.Exact.Add(line.Text[1..].ToLowerInvariant());
            }
            else
            {
                tier.Anywhere.Add(line.Text.ToLowerInvariant());
            }
        }

        return names;
    }

    /// <summary>The named body with the most text outside links in the first tier that has one of at least
    /// <paramref name="minimumLength"/> such characters; null when no tier has.</summary>
    public IElement? Find(IElement scope, int minimumLength, Func<IElement, int> ownTextLength, CancellationToken cancellationToken = default)
    {
        // Each candidate's names lower-cased once, not once for every tier.
        var candidates = ElementWalk.Where(scope,
                static element => element.LocalName is "article" or "div" or "main" or "section" || element.HasAttribute("itemprop"))
            .Select(static element => new Candidate(element, element.Id?.ToLowerInvariant(), element.ClassName?.ToLowerInvariant()))
            .ToList();
        foreach (var tier in _tiers)
        {
            IElement? best = null;
            var bestLength = minimumLength - 1;
            foreach (var candidate in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!tier.Names(candidate))
                {
                    continue;
                }

                var element = candidate.Element;
                var length = ownTextLength(element);
                if (length > bestLength)
                {
                    (best, bestLength) = (element, length);
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    /// <summary>A candidate element with its id and class names in lower case.</summary>
    private sealed record Candidate(IElement Element, string? Id, string? ClassName);

    private sealed record Tier(List<string> Anywhere, List<string> Exact, List<string> Itemprops)
    {
        public bool Names(Candidate candidate)
        {
            var element = candidate.Element;
            if (element.GetAttribute("itemprop") is { } itemprop && Itemprops.Contains(itemprop, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }

            if (element.LocalName is not ("article" or "div" or "main" or "section"))
            {
                return false;
            }

            return Matches(candidate.Id) || Matches(candidate.ClassName);
        }

        private bool Matches(string? lower)
        {
            if (string.IsNullOrEmpty(lower))
            {
                return false;
            }

            foreach (var name in Anywhere)
            {
                if (lower.Contains(name, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return Exact.Contains(lower);
        }
    }
}
