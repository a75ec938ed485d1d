namespace CrossSellCrm.Domain.Persistence;

/// <summary>LIKE patterns for text a user typed: its own %, _ and \ match literally (with <see cref="Escape"/> as the escape character).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Literal(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static string Containing(string text) => "%" + Literal(text) + "%";

    public static string StartingWith(string text) => Literal(text) + "%";

    /// <summary>
    /// SQL LIKE in memory, for a predicate built for the database but run over loaded rows (<see cref="Segmentation.SegmentsAsOf"/>):
    /// <c>%</c> any run, <c>_</c> one character, <paramref name="escape"/> before either takes it literally. Case is ignored
    /// as SQLite does (ASCII letters only) when <paramref name="asciiIgnoreCase"/>; PostgreSQL's LIKE is case-sensitive.
    /// </summary>
    public static bool Matches(string? value, string pattern, string escape, bool asciiIgnoreCase)
    {
        if (value is null) return false;
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape.Length == 1 && c == escape[0] && i + 1 < pattern.Length) regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
            else if (c == '%') regex.Append("(?s:.*)");
            else if (c == '_') regex.Append("(?s:.)");
            else if (asciiIgnoreCase && char.IsAsciiLetter(c)) regex.Append('[').Append(char.ToLowerInvariant(c)).Append(char.ToUpperInvariant(c)).Append(']');
            else regex.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
        }
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
