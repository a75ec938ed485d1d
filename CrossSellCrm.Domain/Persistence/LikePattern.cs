namespace CrossSellCrm.Domain.Persistence;

/// <summary>LIKE patterns for text a user typed: its own %, _ and \ match literally (with <see cref="Escape"/> as the escape character).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Literal(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    public static string Containing(string text) => "%" + Literal(text) + "%";

    public static string StartingWith(string text) => Literal(text) + "%";
}
