namespace CrossSellCrm.Web.Localization;

/// <summary>Anchor type for the shared resource files Text.resx (English) and Text.de.resx (German).</summary>
public sealed class Text;
