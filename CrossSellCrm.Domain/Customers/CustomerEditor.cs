using CrossSellCrm.Domain.Localization;
using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

/// <summary>The typed part of a customer: contact data and the demographic, geographic and psychographic dimensions (behaviour is computed).</summary>
public sealed class CustomerProfileInput
{
    public int Id { get; set; }
    /// <summary>The version the form was loaded with: a save over someone else's newer edit is refused.</summary>
    public Guid Version { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateTime? BirthDate { get; set; }
    public Gender Gender { get; set; }
    public IncomeBand IncomeBand { get; set; }
    public EducationLevel Education { get; set; }
    public string Country { get; set; } = "DE";
    public string? Region { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Lifestyle { get; set; }
    public IReadOnlyCollection<string> Interests { get; set; } = [];
    public IReadOnlyCollection<string> Values { get; set; } = [];
}

public sealed partial class CustomerProfileInputValidator : AbstractValidator<CustomerProfileInput>
{
    /// <summary>Postal codes of the countries we serve; other countries: 3–10 letters, digits, spaces or dashes.</summary>
    private static readonly Dictionary<string, Regex> PostalCodes = new()
    {
        ["DE"] = FiveDigits(), ["FR"] = FiveDigits(), ["IT"] = FiveDigits(), ["ES"] = FiveDigits(),
        ["AT"] = FourDigits(), ["CH"] = FourDigits(), ["BE"] = FourDigits(), ["DK"] = FourDigits(),
        ["NL"] = Dutch(), ["GB"] = British(),
    };

    private static readonly HashSet<string> Countries = System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.SpecificCultures)
        .Select(c => { try { return new System.Globalization.RegionInfo(c.Name).TwoLetterISORegionName; } catch (ArgumentException) { return null; } })
        .OfType<string>().Where(r => r.Length == 2).ToHashSet();

    public CustomerProfileInputValidator(TimeProvider clock)
    {
        RuleFor(x => x.FirstName).NotEmpty().WithMessage(_ => Messages.Text("Profile_FirstNameRequired")).MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage(_ => Messages.Text("Profile_LastNameRequired")).MaximumLength(100);
        RuleFor(x => x.Email).EmailAddress().WithMessage(_ => Messages.Text("Profile_EmailInvalid")).MaximumLength(254).When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Phone).Must(p => Customer.DigitsOf(p).Length is >= 6 and <= 15).WithMessage(_ => Messages.Text("Profile_PhoneInvalid"))
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
        RuleFor(x => x.BirthDate).Must(b => b is null || Age(b.Value, clock) is >= 14 and <= 110)
            .WithMessage(_ => Messages.Text("Profile_AgeImplausible"));
        RuleFor(x => x.Gender).IsInEnum();
        RuleFor(x => x.IncomeBand).IsInEnum();
        RuleFor(x => x.Education).IsInEnum();
        RuleFor(x => x.Country).Must(c => c is not null && Countries.Contains(c)).WithMessage(_ => Messages.Text("Profile_CountryInvalid"));
        RuleFor(x => x.PostalCode).Must((x, code) => PostalCodes.TryGetValue(x.Country, out var pattern) ? pattern.IsMatch(code!.Trim()) : OtherPostalCode().IsMatch(code!.Trim()))
            .WithMessage(x => Messages.Text("Profile_PostalInvalid", x.Country)).When(x => !string.IsNullOrWhiteSpace(x.PostalCode));
        RuleFor(x => x.Region).MaximumLength(100);
        RuleFor(x => x.City).MaximumLength(100);
        RuleFor(x => x.Interests).Must(t => t.Count() <= 12).WithMessage(_ => Messages.Text("Profile_TooManyInterests", 12));
        RuleFor(x => x.Values).Must(t => t.Count() <= 12).WithMessage(_ => Messages.Text("Profile_TooManyValues", 12));
    }

    private static int Age(DateTime born, TimeProvider clock) =>
        Customer.AgeOn(DateOnly.FromDateTime(born), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    [GeneratedRegex(@"^\d{5}$")] private static partial Regex FiveDigits();
    [GeneratedRegex(@"^\d{4}$")] private static partial Regex FourDigits();
    [GeneratedRegex(@"^\d{4} ?[A-Za-z]{2}$")] private static partial Regex Dutch();
    [GeneratedRegex(@"^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$")] private static partial Regex British();
    [GeneratedRegex(@"^[A-Za-z0-9 \-]{3,10}$")] private static partial Regex OtherPostalCode();
}

/// <summary>Loads and saves the typed dimensions of a customer (audited, with a concurrency check).</summary>
public sealed class CustomerEditor(IDbContextFactory<CrmDbContext> factory, TimeProvider clock)
{
    public async Task<CustomerProfileInput?> LoadAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // An erased customer has no profile to edit any more.
        var c = await db.Customers.AsNoTracking().Include(x => x.Lifestyle).Include(x => x.Tags).FirstOrDefaultAsync(x => x.Id == id && !x.IsErased, ct);
        return c is null ? null : new CustomerProfileInput
        {
            Id = c.Id, Version = c.Version, FirstName = c.FirstName, LastName = c.LastName, Email = c.Email, Phone = c.Phone,
            BirthDate = c.BirthDate?.ToDateTime(TimeOnly.MinValue), Gender = c.Gender, IncomeBand = c.IncomeBand, Education = c.Education,
            Country = c.Country, Region = c.Region, City = c.City, PostalCode = c.PostalCode, Lifestyle = c.Lifestyle?.Code,
            Interests = c.Tags.Where(t => t.Kind == TagKind.Interest).Select(t => t.Code).ToList(),
            Values = c.Tags.Where(t => t.Kind == TagKind.Value).Select(t => t.Code).ToList(),
        };
    }

    /// <exception cref="ValidationException">Invalid input, a tag outside the vocabulary, or someone else saved first.</exception>
    public async Task SaveAsync(CustomerProfileInput input, CancellationToken ct = default)
    {
        await new CustomerProfileInputValidator(clock).ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == input.Id, ct)
            ?? throw new ValidationException([new ValidationFailure(nameof(input.Id), Messages.Text("Offer_NoCustomer"))]);
        var vocabulary = await db.Tags.ToListAsync(ct);
        Tag? Find(TagKind kind, string code) => vocabulary.FirstOrDefault(t => t.Kind == kind && t.Code == code);
        var failures = new List<ValidationFailure>();
        var lifestyle = input.Lifestyle is { Length: > 0 } l ? Find(TagKind.Lifestyle, l) : null;
        if (input.Lifestyle is { Length: > 0 } && lifestyle is null) failures.Add(new(nameof(input.Lifestyle), Messages.Text("Profile_LifestyleUnknown")));
        var tags = input.Interests.Select(code => (code, Tag: Find(TagKind.Interest, code))).Concat(input.Values.Select(code => (code, Tag: Find(TagKind.Value, code)))).ToList();
        failures.AddRange(tags.Where(t => t.Tag is null).Select(t => new ValidationFailure("Tags", Messages.Text("Profile_TagUnknown", t.code))));
        if (failures.Count > 0) throw new ValidationException(failures);

        db.Entry(customer).Property(c => c.Version).OriginalValue = input.Version;
        (customer.FirstName, customer.LastName, customer.Email, customer.Phone) = (input.FirstName.Trim(), input.LastName.Trim(), Blank(input.Email), Blank(input.Phone));
        customer.PhoneDigits = customer.Phone is null ? null : Customer.DigitsOf(customer.Phone);
        customer.BirthDate = input.BirthDate is { } b ? DateOnly.FromDateTime(b) : null;
        (customer.Gender, customer.IncomeBand, customer.Education) = (input.Gender, input.IncomeBand, input.Education);
        (customer.Country, customer.Region, customer.City, customer.PostalCode) = (input.Country, Blank(input.Region), Blank(input.City), Blank(input.PostalCode)?.ToUpperInvariant());
        customer.LifestyleTagId = lifestyle?.Id;
        customer.Tags.RemoveAll(t => t.Kind != TagKind.Lifestyle);
        customer.Tags.AddRange(tags.Select(t => t.Tag!).DistinctBy(t => t.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationException([new ValidationFailure(nameof(input.Version), Messages.Text("Profile_Stale"))]);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
