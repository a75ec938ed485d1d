using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Domain.Customers;

/// <summary>A customer with the article's four segmentation dimensions and contact data.</summary>
public sealed class Customer : IVersioned, Auditing.IAudited
{
    public int Id { get; set; }
    public required string CustomerNumber { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>The phone number's digits only, so a search matches any formatting.</summary>
    public string? PhoneDigits { get; set; }

    // Demographic
    public DateOnly? BirthDate { get; set; }
    public Gender Gender { get; set; }
    public IncomeBand IncomeBand { get; set; }
    public EducationLevel Education { get; set; }

    // Geographic
    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    public required string Country { get; set; }
    public string? Region { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }

    // Psychographic: lifestyle is one tag, interests and values are many.
    public int? LifestyleTagId { get; set; }
    public Tag? Lifestyle { get; set; }
    public List<Tag> Tags { get; set; } = [];

    // Behavioural: derived from orders, stored for fast filtering.
    public BehaviourProfile Behaviour { get; set; } = new();

    public List<MarketingConsent> Consents { get; set; } = [];

    public string? AssignedRepId { get; set; }
    public CrmUser? AssignedRep { get; set; }

    public DateTime CreatedAt { get; set; }
    /// <summary>
    /// Erased on the customer's request (GDPR Art. 17): the personal data is gone, the number a pseudonym; the orders stay,
    /// so that the KPIs do not change. Not found, not offered, not exported, in no segment. Cannot be undone.
    /// </summary>
    public DateTime? ErasedAt { get; set; }
    public bool IsErased { get; set; }
    /// <summary>What is left of the birth date after an erasure ("35–44"), for statistics by age.</summary>
    public string? AgeBand { get; set; }
    /// <summary>The import job that last created or changed this record; null for records entered in the CRM.</summary>
    public int? ImportJobId { get; set; }
    public Guid Version { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>
    /// What search as you type matches against (<see cref="CustomerSearch"/>): always computed from the
    /// fields, so it cannot go stale; the stored copy exists only to be scanned through an index.
    /// </summary>
    public string SearchText
    {
        get => CustomerSearch.SearchTextOf(FirstName, LastName, Email, CustomerNumber, City, PhoneDigits);
        private set { }
    }

    /// <summary>Age in whole years on <paramref name="today"/>, or null when the birth date is unknown.</summary>
    public int? AgeOn(DateOnly today) => BirthDate is { } born ? AgeOn(born, today) : null;

    /// <summary>Age in whole years on <paramref name="today"/> of someone born on <paramref name="born"/>.</summary>
    public static int AgeOn(DateOnly born, DateOnly today)
    {
        var age = today.Year - born.Year;
        return born > today.AddYears(-age) ? age - 1 : age;
    }

    public static string DigitsOf(string? phone) =>
        phone is null ? string.Empty : new string(phone.Where(char.IsAsciiDigit).ToArray());
}

public enum Gender { Unknown, Female, Male, Diverse }

public enum IncomeBand { Unknown, Low, LowerMiddle, Middle, UpperMiddle, High }

public enum EducationLevel { Unknown, Secondary, Vocational, Bachelor, Master, Doctorate }
