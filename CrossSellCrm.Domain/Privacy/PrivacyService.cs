using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Privacy;

/// <summary>An erasure as a manager asks for it: the customer, their number typed again to confirm, and why.</summary>
public sealed record ErasureInput(int CustomerId, string ConfirmNumber, string Reason);

public sealed class ErasureInputValidator : AbstractValidator<ErasureInput>
{
    public ErasureInputValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage(_ => Messages.Text("Privacy_ReasonRequired")).MaximumLength(500);
        RuleFor(x => x.ConfirmNumber).NotEmpty().WithMessage(_ => Messages.Text("Privacy_ConfirmRequired"));
    }
}

/// <summary>A consent the customer gave or withdrew, as recorded on their page.</summary>
public sealed record ConsentInput(int CustomerId, ContactChannel Channel, bool Granted, ConsentSource Source);

/// <summary>What the customer's privacy panel shows: the number to type for an erasure, the consent per channel and its history.</summary>
public sealed record PrivacyPanel(string CustomerNumber, IReadOnlyDictionary<ContactChannel, bool> Consents, IReadOnlyList<ConsentChange> History);

/// <summary>
/// A customer's privacy rights: everything held about them as one download (GDPR Art. 15 and 20), erasure (Art. 17),
/// and consent with its history (Art. 7, 21). Every export and erasure is logged (<see cref="PrivacyRequest"/>).
/// </summary>
public sealed class PrivacyService(IDbContextFactory<CrmDbContext> factory, DataExport exports, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Writes a zip: customer.json (profile, consent and its history, orders, subscriptions, offers and their answers,
    /// call notes, segments, audit entries, earlier requests) and CSVs of the same (customer and orders in the importer's columns).
    /// </summary>
    /// <exception cref="ValidationException">No such customer, or an erased one.</exception>
    public async Task WriteExportAsync(int customerId, string userName, Stream output, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().AsSplitQuery().Include(x => x.Lifestyle).Include(x => x.Tags).Include(x => x.Consents)
            .FirstOrDefaultAsync(x => x.Id == customerId, ct);
        if (c is null || c.IsErased) throw new ValidationException([new ValidationFailure("CustomerId", Messages.Text(c is null ? "Offer_NoCustomer" : "Privacy_AlreadyErased"))]);
        var history = await db.ConsentChanges.AsNoTracking().Where(x => x.CustomerId == customerId).OrderBy(x => x.At).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.OrderedAt)
            .Select(o => new { o.OrderNumber, o.OrderedAt, Channel = o.Channel.ToString(), o.NetRevenue,
                Lines = o.Lines.OrderBy(l => l.Id).Select(l => new { l.Product!.Sku, Product = l.Product.Name, l.Quantity, l.UnitPrice, l.Discount }).ToList() })
            .ToListAsync(ct);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == customerId)
            .Select(s => new { Plan = s.Plan!.Name, s.StartedOn, s.EndedOn, Status = s.Status.ToString(), s.MonthlyPrice }).ToListAsync(ct);
        var offers = await db.OfferPresentations.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.PresentedAt)
            .Select(o => new { o.PresentedAt, Product = o.Product!.Name, Channel = o.Channel.ToString(), Outcome = o.Outcome.ToString(),
                DeclineReason = o.DeclineReason.HasValue ? o.DeclineReason.Value.ToString() : null, o.FollowUpOn, o.ReasonsShown }).ToListAsync(ct);
        var notes = await db.CallNotes.AsNoTracking().Where(n => n.CustomerId == customerId).OrderBy(n => n.CreatedAt).Select(n => new { n.CreatedAt, n.UpdatedAt, n.Text }).ToListAsync(ct);
        var segments = await db.SegmentMemberships.AsNoTracking().Where(m => m.CustomerId == customerId).Select(m => m.Segment!.Name).OrderBy(n => n).ToListAsync(ct);
        var id = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == id).OrderBy(a => a.At)
            .Select(a => new { a.At, a.UserName, Action = a.Action.ToString(), a.Changes }).ToListAsync(ct);
        var requests = await db.PrivacyRequests.AsNoTracking().Where(r => r.CustomerId == customerId).OrderBy(r => r.At)
            .Select(r => new { r.At, Kind = r.Kind.ToString(), r.UserName }).ToListAsync(ct);

        var document = new
        {
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Profile = new
            {
                c.CustomerNumber, c.FirstName, c.LastName, c.Email, c.Phone, c.BirthDate, Gender = c.Gender.ToString(), IncomeBand = c.IncomeBand.ToString(),
                Education = c.Education.ToString(), c.Country, c.Region, c.City, c.PostalCode, Lifestyle = c.Lifestyle?.Code,
                Interests = c.Tags.Where(t => t.Kind == TagKind.Interest).Select(t => t.Code), Values = c.Tags.Where(t => t.Kind == TagKind.Value).Select(t => t.Code),
                Behaviour = c.Behaviour, CustomerSince = c.CreatedAt,
            },
            Consents = c.Consents.Select(x => new { Channel = x.Channel.ToString(), x.Granted, x.ChangedAt }),
            ConsentHistory = history.Select(x => new { Channel = x.Channel.ToString(), x.Granted, x.At, x.RecordedBy, Source = x.Source.ToString() }),
            Orders = orders, Subscriptions = subscriptions, Offers = offers, CallNotes = notes, Segments = segments, AuditEntries = audit, PrivacyRequests = requests,
        };

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntryAsync(zip, "customer.json", async s => await JsonSerializer.SerializeAsync(s, document, Json, ct));
            await WriteEntryAsync(zip, "customer.csv", async s => { await using var w = Writer(s); await exports.WriteCustomersAsync(w, new CustomerExportFilter(CustomerId: customerId), CsvFormat.English, ct); });
            await WriteEntryAsync(zip, "orders.csv", async s => { await using var w = Writer(s); await exports.WriteOrdersAsync(w, new OrderExportFilter(CustomerId: customerId), CsvFormat.English, ct); });
            await WriteEntryAsync(zip, "offers.csv", async s =>
            {
                await using var w = Writer(s);
                var f = CsvFormat.English;
                await w.WriteAsync(f.Row("presented-at", "product", "channel", "outcome", "decline-reason", "follow-up-on"));
                foreach (var o in offers)
                    await w.WriteAsync(f.Row(f.Date(o.PresentedAt), f.Text(o.Product), o.Channel, o.Outcome, o.DeclineReason ?? "", f.Date(o.FollowUpOn)));
            });
            await WriteEntryAsync(zip, "consent-history.csv", async s =>
            {
                await using var w = Writer(s);
                var f = CsvFormat.English;
                await w.WriteAsync(f.Row("at", "channel", "granted", "source", "recorded-by"));
                foreach (var x in history) await w.WriteAsync(f.Row(f.Date(x.At), x.Channel.ToString(), f.Boolean(x.Granted), x.Source.ToString(), f.Text(x.RecordedBy)));
            });
        }

        db.PrivacyRequests.Add(new PrivacyRequest { CustomerId = customerId, CustomerNumber = c.CustomerNumber, Kind = PrivacyRequestKind.Export, At = clock.GetUtcNow().UtcDateTime, UserName = userName });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Erases a customer's personal data for good: names, e-mail, phone, postal code, birth date (an age band stays), interests and
    /// values, consent, call notes, the link of their shop-widget clicks; the number becomes a pseudonym; the old values leave the audit log and import reports too.
    /// Orders and offers stay (under the pseudonym), so that the KPIs do not change. One transaction; audited with who and why.
    /// </summary>
    /// <exception cref="ValidationException">No reason, a wrong confirmation number, no such customer, or erased already.</exception>
    public async Task<string> EraseAsync(ErasureInput input, string userName, CancellationToken ct = default)
    {
        await new ErasureInputValidator().ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditsEachChange = false; // the automatic entry would keep the old values: the one written below says what happened
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var c = await db.Customers.Include(x => x.Tags).Include(x => x.Consents).FirstOrDefaultAsync(x => x.Id == input.CustomerId, ct)
            ?? throw new ValidationException([new ValidationFailure(nameof(input.CustomerId), Messages.Text("Offer_NoCustomer"))]);
        if (c.IsErased) throw new ValidationException([new ValidationFailure(nameof(input.CustomerId), Messages.Text("Privacy_AlreadyErased"))]);
        if (!string.Equals(input.ConfirmNumber.Trim(), c.CustomerNumber, StringComparison.OrdinalIgnoreCase))
            throw new ValidationException([new ValidationFailure(nameof(input.ConfirmNumber), Messages.Text("Privacy_ConfirmWrong", c.CustomerNumber))]);

        var now = clock.GetUtcNow().UtcDateTime;
        // What could name the customer, for scrubbing it from free text elsewhere (offer reasons, import reports).
        var personal = new[] { c.FullName.Trim(), c.FirstName, c.LastName, c.Email, c.Phone, c.PhoneDigits, c.CustomerNumber }
            .Where(s => !string.IsNullOrWhiteSpace(s) && s!.Length >= 3).Select(s => s!).Distinct().OrderByDescending(s => s.Length).ToList();
        var pseudonym = await PseudonymAsync(db, ct);
        var formerKeys = new[] { c.CustomerNumber, c.Email }.OfType<string>().Where(k => k.Length > 0).ToList();
        c.AgeBand = c.BirthDate is { } born ? AgeBand(Customer.AgeOn(born, DateOnly.FromDateTime(now))) : null;
        (c.FirstName, c.LastName, c.Email, c.Phone, c.PhoneDigits, c.PostalCode, c.BirthDate) = ("", "", null, null, null, null, null);
        (c.CustomerNumber, c.LifestyleTagId, c.IsErased, c.ErasedAt) = (pseudonym, null, true, now);
        c.Tags.Clear();
        c.Consents.Clear();
        await db.SaveChangesAsync(ct);

        await db.CallNotes.Where(n => n.CustomerId == c.Id).ExecuteDeleteAsync(ct);
        // The shop widget's impressions and clicks stay for the product's figures, no longer the customer's.
        await db.ShopWidgetEvents.Where(e => e.CustomerId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, (int?)null), ct);
        await db.CampaignSends.Where(e => e.CustomerId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.CustomerId, (int?)null), ct);
        var memberOf = await db.SegmentMemberships.Where(m => m.CustomerId == c.Id).Select(m => m.SegmentId).ToListAsync(ct);
        await db.SegmentMemberships.Where(m => m.CustomerId == c.Id).ExecuteDeleteAsync(ct);
        await db.Segments.Where(s => memberOf.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, x => x.MemberCount - 1), ct);
        var id = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && a.EntityId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Changes, (string?)null), ct);
        await db.PrivacyRequests.Where(r => r.CustomerId == c.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerNumber, pseudonym), ct);
        foreach (var offer in await db.OfferPresentations.Where(o => o.CustomerId == c.Id && o.ReasonsShown != null).ToListAsync(ct))
            offer.ReasonsShown = Scrub(offer.ReasonsShown!, personal);
        foreach (var text in personal)
        {
            var lower = text.ToLowerInvariant();
            foreach (var problem in await db.ImportProblems.Where(p => (p.Value != null && p.Value.ToLower().Contains(lower)) || p.Message.ToLower().Contains(lower)).ToListAsync(ct))
                (problem.Value, problem.Message) = (problem.Value is null ? null : Scrub(problem.Value, personal), Scrub(problem.Message, personal));
        }
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, UserName = userName, EntityType = nameof(Customer), EntityId = id, Action = AuditAction.Updated,
            Changes = JsonSerializer.Serialize(new { Erased = new[] { null, input.Reason.Trim() } }),
        });
        db.PrivacyRequests.Add(new PrivacyRequest
        {
            CustomerId = c.Id, CustomerNumber = pseudonym, Kind = PrivacyRequestKind.Erasure, At = now, UserName = userName, Reason = input.Reason.Trim(),
            ErasedKeys = string.Join(" ", formerKeys.Select(KeyHash)),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pseudonym;
    }

    /// <summary>Records a consent given or withdrawn, with its history; the next decision of the engine reads it.</summary>
    public async Task SetConsentAsync(ConsentInput input, string userName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Customers.Include(x => x.Consents).FirstOrDefaultAsync(x => x.Id == input.CustomerId && !x.IsErased, ct)
            ?? throw new ValidationException([new ValidationFailure(nameof(input.CustomerId), Messages.Text("Offer_NoCustomer"))]);
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = c.Consents.FirstOrDefault(x => x.Channel == input.Channel);
        if (consent?.Granted == input.Granted) return;
        if (consent is null) c.Consents.Add(new MarketingConsent { Channel = input.Channel, Granted = input.Granted, ChangedAt = now });
        else (consent.Granted, consent.ChangedAt) = (input.Granted, now);
        db.ConsentChanges.Add(new ConsentChange { CustomerId = c.Id, Channel = input.Channel, Granted = input.Granted, At = now, RecordedBy = userName, Source = input.Source });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Null for no such customer or an erased one.</summary>
    public async Task<PrivacyPanel?> PanelAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Consents).FirstOrDefaultAsync(x => x.Id == customerId && !x.IsErased, ct);
        if (c is null) return null;
        var history = await db.ConsentChanges.AsNoTracking().Where(x => x.CustomerId == customerId).OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(50).ToListAsync(ct);
        return new PrivacyPanel(c.CustomerNumber, c.Consents.ToDictionary(x => x.Channel, x => x.Granted), history);
    }

    /// <summary>The privacy log: exports and erasures, newest first.</summary>
    public async Task<IReadOnlyList<PrivacyRequest>> LogAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PrivacyRequests.AsNoTracking().OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>
    /// A one-way hash of a customer key (number or e-mail, case ignored), salted with the CRM's purpose so that it matches no
    /// other list's hash: what the suppression list keeps of an erased customer.
    /// </summary>
    public static string KeyHash(string key) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("crosssellcrm-erased:" + key.Trim().ToLowerInvariant())))[..32];

    /// <summary>Ten-year bands ("35–44"), as the segment rules' age groups read them.</summary>
    public static string AgeBand(int age) => age switch
    {
        < 18 => "<18",
        < 25 => "18–24",
        >= 75 => "75+",
        _ => $"{(age - 25) / 10 * 10 + 25}–{(age - 25) / 10 * 10 + 34}",
    };

    private static async Task<string> PseudonymAsync(CrmDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var candidate = "X" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
            if (!await db.Customers.AnyAsync(c => c.CustomerNumber == candidate, ct)) return candidate;
        }
    }

    private static string Scrub(string text, IEnumerable<string> personal) =>
        personal.Aggregate(text, (t, p) => t.Replace(p, "[erased]", StringComparison.OrdinalIgnoreCase));

    private static StreamWriter Writer(Stream s) => new(s, new System.Text.UTF8Encoding(true), leaveOpen: true);

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<Stream, Task> write)
    {
        await using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await write(stream);
    }
}
