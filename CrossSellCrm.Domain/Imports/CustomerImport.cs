using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Imports;

/// <summary>One customer of a customers file, read: null is "not in the file", and leaves what the CRM holds.</summary>
public sealed record CustomerRow(ImportRow Row, string? Number, string? Email, string? FirstName, string? LastName, string? Phone, DateOnly? BirthDate,
    Gender? Gender, IncomeBand? IncomeBand, EducationLevel? Education, string? Country, string? Region, string? City, string? PostalCode,
    string? Lifestyle, IReadOnlyList<string>? Interests, IReadOnlyList<string>? Values, string? Rep, DateTime? CustomerSince,
    IReadOnlyDictionary<ContactChannel, bool> Consents, DateTime? ConsentDate)
{
    public string? Key => Number ?? Email;

    public static CustomerRow Read(ImportRow row)
    {
        DateOnly? born = row.DateTime("birth-date") is { } b ? DateOnly.FromDateTime(b) : null;
        if (born is null && row.Integer("birth-year") is { } year)
        {
            // A year alone: the middle of it, so the age is off by half a year at most.
            if (year is >= 1000 and <= 9999) born = new DateOnly(year, 7, 1);
            else row.Reject("birth-year", year.ToString(), Messages.Text("Import_YearInvalid"));
        }
        var income = row.Has("income-band") ? row.Choice("income-band", ImportWords.IncomeBandOf) : null;
        if (income is null && row.Decimal("income") is { } amount) income = ImportWords.IncomeBandOf(amount);
        string? country = null;
        if (row.Text("country") is { } countryText)
        {
            country = ImportWords.Country(countryText);
            if (country is null) row.Reject("country", countryText, Messages.Text("Profile_CountryInvalid"));
        }
        var consents = new Dictionary<ContactChannel, bool>();
        foreach (var (field, channel) in ConsentFields)
            if (row.Boolean(field) is { } granted) consents[channel] = granted;
        return new CustomerRow(row, row.Key("customer"), row.Text("email"), row.Text("first-name"), row.Text("last-name"), row.Text("phone"), born,
            row.Choice("gender", ImportWords.Gender), income, row.Choice("education", ImportWords.Education), country, row.Text("region"), row.Text("city"),
            row.Text("postal-code")?.ToUpperInvariant(), row.Text("lifestyle"), row.List("interests"), row.List("values"), row.Text("rep"),
            row.DateTime("customer-since"), consents, row.DateTime("consent-date"));
    }

    public static readonly (string Field, ContactChannel Channel)[] ConsentFields =
        [("consent-email", ContactChannel.Email), ("consent-phone", ContactChannel.Phone), ("consent-sms", ContactChannel.Sms), ("consent-post", ContactChannel.Post), ("consent-web", ContactChannel.Web)];
}

/// <summary>
/// Writes customers, keyed by customer number, else e-mail. A field the file does not fill leaves the customer's value as it is;
/// the profile form's rules apply to what it does fill (names may be missing: a shop's export often has none).
/// </summary>
internal sealed class CustomerImport(ImportDirectory directory, TimeProvider clock, int jobId, string userName) : IImportWriter
{
    /// <summary>ISO 3166's code for "unknown": a customer of a file that names no country.</summary>
    public const string UnknownCountry = "ZZ";

    private static readonly Dictionary<string, string> FieldOfProperty = new()
    {
        [nameof(CustomerProfileInput.FirstName)] = "first-name", [nameof(CustomerProfileInput.LastName)] = "last-name",
        [nameof(CustomerProfileInput.Email)] = "email", [nameof(CustomerProfileInput.Phone)] = "phone",
        [nameof(CustomerProfileInput.BirthDate)] = "birth-date", [nameof(CustomerProfileInput.Country)] = "country",
        [nameof(CustomerProfileInput.PostalCode)] = "postal-code", [nameof(CustomerProfileInput.Region)] = "region", [nameof(CustomerProfileInput.City)] = "city",
    };

    private readonly CustomerProfileInputValidator _profile = new(clock);
    /// <summary>This batch's consent changes, for the consent history once the customers have their ids.</summary>
    private readonly List<(Customer Customer, ContactChannel Channel, bool Granted, DateTime At)> _consentChanges = [];
    private readonly Dictionary<string, long> _seen = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>A dry run's customers "created" in earlier batches: a later row with the same key changes them, as it would the real ones.</summary>
    private readonly Dictionary<string, Customer> _dryRunCreated = new(StringComparer.OrdinalIgnoreCase);

    public string? GroupKey(ImportRow row) => null;

    public void Skipped(ImportRow row)
    {
        if (KeyOf(row) is { } key) _seen[key] = row.Line;
    }

    private static string? KeyOf(ImportRow row) => row.Key("customer") ?? row.Text("email");

    public async Task<IReadOnlyList<ImportRow>> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRow> rows, ImportCounts counts, bool dryRun, CancellationToken ct)
    {
        var read = rows.Select(CustomerRow.Read).ToList();
        foreach (var row in read.Where(r => !r.Row.IsRejected)) Validate(row);
        var ids = read.Where(r => !r.Row.IsRejected && r.Key is not null).Select(Known).OfType<int>().Where(id => id != ImportDirectory.NotWritten).Distinct().ToList();
        // An erased customer is not written again, not even by a job that began before the erasure.
        var existing = ids.Count == 0 ? [] : await db.Customers.Include(c => c.Tags).Include(c => c.Consents).Where(c => ids.Contains(c.Id) && !c.IsErased).ToDictionaryAsync(c => c.Id, ct);
        // This batch's new customers by number and by e-mail: a later row may name one by either.
        var created = new Dictionary<string, Customer>(StringComparer.OrdinalIgnoreCase);
        // Tracked by this batch's context (a tag from elsewhere would be inserted again); the vocabulary is small.
        var vocabulary = read.Any(r => r.Lifestyle is not null || r.Interests is not null || r.Values is not null)
            ? await db.Tags.ToDictionaryAsync(t => (t.Kind, t.Code), ct) : [];

        foreach (var row in read)
        {
            if (row.Row.IsRejected) continue;
            if (row.Key is not { } key)
            {
                row.Row.Skip(Messages.Text("Import_NoCustomerKey"));
                continue;
            }
            if (_seen.TryGetValue(key, out var earlierLine))
            {
                row.Row.Duplicate(row.Number is null ? "email" : "customer", key, Messages.Text("Import_DuplicateKey", key, earlierLine));
                counts.RowsDuplicate++;
            }
            _seen[key] = row.Row.Line;
            if ((row.Number is { } number && directory.IsErased(number)) || (row.Email is { } mail && directory.IsErased(mail))
                || (Known(row) is { } knownId && knownId != ImportDirectory.NotWritten && !existing.ContainsKey(knownId)))
            {
                row.Row.Reject(row.Number is null ? "email" : "customer", key, Messages.Text("Import_CustomerErased"));
                continue;
            }

            var tags = Tags(row, vocabulary);
            if (row.Row.IsRejected) continue;
            string? repId = null;
            if (row.Rep is { } rep && !directory.RepsByEmail.TryGetValue(rep, out repId))
            {
                row.Row.Reject("rep", rep, Messages.Text("Import_RepUnknown", rep));
                continue;
            }

            if (Find(created, row) is { } customer)
            {
                if (!Apply(customer, row, tags, repId)) counts.RowsUnchanged++;
            }
            else if ((customer = Find(_dryRunCreated, row)) is not null || (Known(row) is { } id && existing.TryGetValue(id, out customer)))
            {
                if (Apply(customer, row, tags, repId)) counts.CustomersUpdated++;
                else counts.RowsUnchanged++;
            }
            else
            {
                customer = new Customer
                {
                    CustomerNumber = row.Number ?? ImportDirectory.NumberFor(row.Email!), FirstName = "", LastName = "", Country = UnknownCountry,
                    CreatedAt = row.CustomerSince ?? clock.GetUtcNow().UtcDateTime, ImportJobId = jobId,
                };
                Apply(customer, row, tags, repId);
                created[customer.CustomerNumber] = customer;
                if (customer.Email is { } newEmail) created[newEmail] = customer;
                counts.CustomersCreated++;
                if (!dryRun) db.Customers.Add(customer);
            }
        }

        if (!dryRun)
        {
            await db.SaveChangesAsync(ct);
            db.ConsentChanges.AddRange(_consentChanges.Select(c => new ConsentChange
            {
                CustomerId = c.Customer.Id, Channel = c.Channel, Granted = c.Granted, At = c.At, RecordedBy = userName, Source = ConsentSource.Import,
            }));
            if (_consentChanges.Count > 0) await db.SaveChangesAsync(ct);
        }
        _consentChanges.Clear();
        foreach (var (key, customer) in created)
        {
            if (dryRun) _dryRunCreated[key] = customer; // by number and by e-mail, as this batch found them
            directory.CustomersByNumber[customer.CustomerNumber] = dryRun ? ImportDirectory.NotWritten : customer.Id;
            if (customer.Email is { } email) directory.CustomersByEmail[email] = dryRun ? ImportDirectory.NotWritten : customer.Id;
        }
        return rows;
    }

    /// <summary>The stored customer a row names: by its customer number, else by its e-mail.</summary>
    private int? Known(CustomerRow row) =>
        (row.Number is { } number ? directory.CustomersByNumber.GetValueOrDefault(number, -1) : -1) is var byNumber and >= 0 ? byNumber
        : row.Email is { } email && directory.CustomersByEmail.TryGetValue(email, out var byEmail) ? byEmail : null;

    private static Customer? Find(Dictionary<string, Customer> customers, CustomerRow row) =>
        row.Number is { } number && customers.TryGetValue(number, out var c) ? c : row.Email is { } email && customers.TryGetValue(email, out c) ? c : null;

    /// <summary>The profile form's rules on the fields the row fills.</summary>
    private void Validate(CustomerRow row)
    {
        var input = new CustomerProfileInput
        {
            FirstName = row.FirstName ?? "", LastName = row.LastName ?? "", Email = row.Email, Phone = row.Phone,
            BirthDate = row.BirthDate?.ToDateTime(TimeOnly.MinValue), Country = row.Country ?? UnknownCountry, PostalCode = row.PostalCode,
            Region = row.Region, City = row.City,
        };
        foreach (var failure in _profile.Validate(input).Errors)
        {
            if (!FieldOfProperty.TryGetValue(failure.PropertyName, out var field)) continue;
            if (field is "first-name" or "last-name" && string.IsNullOrEmpty(field == "first-name" ? row.FirstName : row.LastName)) continue;
            if (field == "country" && row.Country is null) continue;
            if (field == "postal-code" && row.Country is null) continue; // checked against the country, which the file does not give
            if (field == "birth-date" && !row.Row.Has("birth-date")) field = "birth-year";
            row.Row.Reject(field, row.Row.Text(field), failure.ErrorMessage);
        }
        if (row.Number is { Length: > 20 }) row.Row.Reject("customer", row.Number, Messages.Text("Import_TooLong", 20));
    }

    private static List<Tag>? Tags(CustomerRow row, Dictionary<(TagKind, string), Tag> vocabulary)
    {
        if (row.Lifestyle is null && row.Interests is null && row.Values is null) return null;
        var tags = new List<Tag>();
        void Find(TagKind kind, string field, IEnumerable<string>? codes)
        {
            foreach (var code in codes ?? [])
            {
                if (vocabulary.TryGetValue((kind, code.ToLowerInvariant()), out var tag)) tags.Add(tag);
                else row.Row.Reject(field, code, Messages.Text("Profile_TagUnknown", code));
            }
        }
        Find(TagKind.Lifestyle, "lifestyle", row.Lifestyle is null ? null : [row.Lifestyle]);
        Find(TagKind.Interest, "interests", row.Interests);
        Find(TagKind.Value, "values", row.Values);
        return tags;
    }

    /// <summary>Sets what the row fills; true when anything changed.</summary>
    private bool Apply(Customer c, CustomerRow row, List<Tag>? tags, string? repId)
    {
        var changed = false;
        void Set<T>(T? value, Func<T> get, Action<T> set) where T : notnull
        {
            if (value is null || EqualityComparer<T>.Default.Equals(get(), value)) return;
            set(value);
            changed = true;
        }
        void SetValue<T>(T? value, Func<T> get, Action<T> set) where T : struct
        {
            if (value is not { } v || EqualityComparer<T>.Default.Equals(get(), v)) return;
            set(v);
            changed = true;
        }
        Set(row.FirstName, () => c.FirstName, v => c.FirstName = v);
        Set(row.LastName, () => c.LastName, v => c.LastName = v);
        Set(row.Email, () => c.Email ?? "", v => c.Email = v);
        Set(row.Phone, () => c.Phone ?? "", v => { c.Phone = v; c.PhoneDigits = Customer.DigitsOf(v); });
        SetValue(row.BirthDate, () => c.BirthDate ?? default, v => c.BirthDate = v);
        SetValue(row.Gender, () => c.Gender, v => c.Gender = v);
        SetValue(row.IncomeBand, () => c.IncomeBand, v => c.IncomeBand = v);
        SetValue(row.Education, () => c.Education, v => c.Education = v);
        Set(row.Country, () => c.Country, v => c.Country = v);
        Set(row.Region, () => c.Region ?? "", v => c.Region = v);
        Set(row.City, () => c.City ?? "", v => c.City = v);
        Set(row.PostalCode, () => c.PostalCode ?? "", v => c.PostalCode = v);
        Set(repId, () => c.AssignedRepId ?? "", v => c.AssignedRepId = v);
        if (row.CustomerSince is { } since && c.Id == 0) c.CreatedAt = since;
        if (tags is not null)
        {
            var lifestyle = tags.FirstOrDefault(t => t.Kind == TagKind.Lifestyle);
            if (row.Lifestyle is not null && c.LifestyleTagId != lifestyle?.Id) { c.LifestyleTagId = lifestyle?.Id; changed = true; }
            // Interests and values each only when the file gives them: a file of interests leaves the values alone.
            foreach (var (kind, given) in new[] { (TagKind.Interest, row.Interests is not null), (TagKind.Value, row.Values is not null) })
            {
                if (!given) continue;
                var wanted = tags.Where(t => t.Kind == kind).Select(t => t.Id).Distinct().Order().ToList();
                if (wanted.SequenceEqual(c.Tags.Where(t => t.Kind == kind).Select(t => t.Id).Order())) continue;
                c.Tags.RemoveAll(t => t.Kind == kind);
                c.Tags.AddRange(tags.Where(t => t.Kind == kind).DistinctBy(t => t.Id));
                changed = true;
            }
        }
        foreach (var (channel, granted) in row.Consents)
        {
            var consent = c.Consents.FirstOrDefault(x => x.Channel == channel);
            if (consent is not null && consent.Granted == granted) continue;
            var at = row.ConsentDate ?? clock.GetUtcNow().UtcDateTime;
            if (consent is null) c.Consents.Add(new MarketingConsent { Channel = channel, Granted = granted, ChangedAt = at });
            else (consent.Granted, consent.ChangedAt) = (granted, at);
            _consentChanges.Add((c, channel, granted, at));
            changed = true;
        }
        if (changed && c.Id != 0) c.ImportJobId = jobId;
        return changed;
    }
}
