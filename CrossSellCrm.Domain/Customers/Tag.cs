namespace CrossSellCrm.Domain.Customers;

/// <summary>
/// One word of the managed psychographic vocabulary (a lifestyle, an interest or a value),
/// named in English and German so chips and talking points read well in both.
/// </summary>
public sealed class Tag
{
    public int Id { get; set; }
    public TagKind Kind { get; set; }
    /// <summary>Stable key used by rules and the engine, e.g. "sustainability".</summary>
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public List<Customer> Customers { get; set; } = [];

    public string NameFor(string twoLetterLanguage) => twoLetterLanguage == "de" ? NameDe : NameEn;
}

public enum TagKind { Lifestyle, Interest, Value }

/// <summary>Join row: a customer holds an interest or value tag.</summary>
public sealed class CustomerTag
{
    public int CustomerId { get; set; }
    public int TagId { get; set; }
}
