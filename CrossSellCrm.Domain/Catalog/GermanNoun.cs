namespace CrossSellCrm.Domain.Catalog;

/// <summary>The grammatical gender a product is spoken of in German: "die Kamera", "das Smartphone", "der Laptop", "die Kopfhörer".</summary>
public enum GrammaticalGender { Neuter, Masculine, Feminine, Plural }

/// <summary>
/// A product name as German talking points use it, with the article and possessive its gender needs
/// ("mit Ihrer Fujifilm X-T5", "zu Ihrem Google Pixel 9", "für Ihren Lenovo ThinkPad", "Die Sony WH-1000XM5 kosten").
/// </summary>
public readonly record struct GermanNoun(string Name, GrammaticalGender Gender)
{
    private string By(string masculine, string feminine, string neuter, string plural) => Gender switch
    {
        GrammaticalGender.Masculine => masculine, GrammaticalGender.Feminine => feminine, GrammaticalGender.Plural => plural, _ => neuter,
    };

    /// <summary>"der/die/das X", subject of a sentence.</summary>
    public string Definite => $"{By("der", "die", "das", "die")} {Name}";
    /// <summary>"den/die/das X", object of a sentence.</summary>
    public string DefiniteObject => $"{By("den", "die", "das", "die")} {Name}";
    /// <summary>"dem/der/dem/den X", after "von", "mit", "zu".</summary>
    public string DefiniteDative => $"{By("dem", "der", "dem", "den")} {Name}";
    /// <summary>"Ihr/Ihre/Ihr/Ihre X", subject of a sentence.</summary>
    public string YourSubject => $"{By("Ihr", "Ihre", "Ihr", "Ihre")} {Name}";
    /// <summary>"Ihrem/Ihrer/Ihrem/Ihren X", after "mit", "zu", "bei".</summary>
    public string YourDative => $"{By("Ihrem", "Ihrer", "Ihrem", "Ihren")} {Name}";
    /// <summary>"Ihren/Ihre/Ihr/Ihre X", after "für" or as an object.</summary>
    public string YourObject => $"{By("Ihren", "Ihre", "Ihr", "Ihre")} {Name}";
    /// <summary>"Ihrer/Ihre/Ihres/Ihre" standing alone ("falls Ihres einmal ersetzt werden soll").</summary>
    public string Yours => By("Ihrer", "Ihre", "Ihres", "Ihre");
    /// <summary>A verb that agrees with the product: "kostet" or, for a plural product, "kosten".</summary>
    public string Verb(string singular, string plural) => Gender == GrammaticalGender.Plural ? plural : singular;

    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
