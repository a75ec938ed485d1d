using System.Globalization;
using System.Text;

namespace CrossSellCrm.Domain.Recommendations.Engine;

/// <summary>
/// Finds pressure phrases — the article's "excessive pressure" — in a pitch, in English or German.
/// The engine's templates must pass it (a test runs them all); coaching uses it to score answers.
/// </summary>
public static class PressureLint
{
    private static readonly string[] English =
    [
        "only today", "today only", "last chance", "you must", "you have to", "you need to buy", "act now", "buy now",
        "limited time", "don't miss", "do not miss", "before it's too late", "hurry", "now or never", "everyone is buying",
        "while stocks last", "only a few left", "decide now", "right now or", "you'll regret",
    ];

    private static readonly string[] German =
    [
        "nur heute", "heute noch zugreifen", "letzte chance", "sie müssen", "müssen sie", "jetzt zugreifen", "jetzt kaufen",
        "nur für kurze zeit", "verpassen sie nicht", "solange der vorrat reicht", "nur noch wenige", "bevor es zu spät ist",
        "jetzt oder nie", "beeilen sie sich", "alle kaufen", "sofort entscheiden", "sie werden es bereuen",
    ];

    /// <summary>The pressure phrases found (lower case), in the order of the list; empty when the text is fine.</summary>
    public static IReadOnlyList<string> Find(string text, string language)
    {
        var normalised = Normalise(text);
        return (language == "de" ? German : English).Where(phrase => normalised.Contains(phrase, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Lower case, typographic apostrophes straightened, runs of white space folded.</summary>
    private static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.ToLower(CultureInfo.InvariantCulture).Replace('\u2019', '\''))
        {
            if (char.IsWhiteSpace(ch))
            {
                if (!space) sb.Append(' ');
                space = true;
                continue;
            }
            sb.Append(ch);
            space = false;
        }
        return sb.ToString();
    }
}
