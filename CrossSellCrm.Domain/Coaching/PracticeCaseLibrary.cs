using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Catalog;
using CatalogProduct = CrossSellCrm.Domain.Recommendations.Engine.CatalogProduct;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Coaching;

/// <summary>A case as the library lists it, with how often it was practised and how well.</summary>
public sealed record CaseSummary(int Id, string Title, string Language, CaseDifficulty Difficulty, CaseWorld World, Objection? Objection,
    IReadOnlyList<CaseSegment> Segments, bool FromCustomer, int Sessions, int Answers, double? AverageScore);

public sealed record CaseFilter(string? Text = null, CaseWorld? World = null, CaseDifficulty? Difficulty = null, string? Language = null, Objection? Objection = null,
    int? SegmentId = null);

/// <summary>A case ready to practise or edit: the row, the persona and the reference answer.</summary>
public sealed record CaseDetail(PracticeCase Case, CasePersona Persona, IReadOnlyList<ReferenceOffer> Reference);

/// <summary>A product as the case editor and the answer form offer it.</summary>
public sealed record PickableProduct(int Id, string Name, string CategoryEn, string CategoryDe, ProductKind Kind, decimal Price, bool IsActive)
{
    public string CategoryFor(string language) => language == "de" ? CategoryDe : CategoryEn;
}

/// <summary>What a trainer edits: the case's texts and tags, the persona and the reference answer.</summary>
public sealed class CaseInput
{
    public Guid Version { get; set; }
    public string Title { get; set; } = "";
    public string Language { get; set; } = "en";
    public CaseDifficulty Difficulty { get; set; } = CaseDifficulty.Medium;
    public CaseWorld World { get; set; } = CaseWorld.ElectronicsAccessories;
    public Objection? Objection { get; set; }
    public string Situation { get; set; } = "";
    public string? CustomerSays { get; set; }
    public string? TrainerNotes { get; set; }
    public bool FromCustomer { get; set; }
    public CasePersona Persona { get; set; } = new() { Name = "", Country = "DE" };
    public List<ReferenceOffer> Reference { get; set; } = [];
}

/// <summary>Messages in the user's language (Messages.resx, CoachErr_…).</summary>
public sealed class CaseInputValidator : AbstractValidator<CaseInput>
{
    public const int MaxReference = 6;

    public CaseInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(_ => Messages.Text("CoachErr_Title")).MaximumLength(120);
        RuleFor(x => x.Language).Must(l => l is "en" or "de").WithMessage(_ => Messages.Text("CoachErr_Language"));
        RuleFor(x => x.Difficulty).IsInEnum();
        RuleFor(x => x.World).IsInEnum();
        RuleFor(x => x.Situation).NotEmpty().WithMessage(_ => Messages.Text("CoachErr_Situation")).MaximumLength(1000);
        RuleFor(x => x.CustomerSays).MaximumLength(1000);
        RuleFor(x => x.TrainerNotes).MaximumLength(2000);
        RuleFor(x => x.Persona.Name).NotEmpty().WithMessage(_ => Messages.Text("CoachErr_PersonaName")).MaximumLength(100).OverridePropertyName("Persona.Name");
        RuleFor(x => x.Persona.Age).InclusiveBetween(14, 110).When(x => x.Persona.Age is not null)
            .WithMessage(_ => Messages.Text("CoachErr_Age")).OverridePropertyName("Persona.Age");
        RuleFor(x => x.Persona.Country).Matches("^[A-Z]{2}$").WithMessage(_ => Messages.Text("CoachErr_Country")).OverridePropertyName("Persona.Country");
        RuleForEach(x => x.Persona.Orders).Must(o => o.DaysBefore is >= 0 and <= 3650 && o.Lines.Count > 0)
            .WithMessage(_ => Messages.Text("CoachErr_Purchase")).OverridePropertyName("Persona.Orders");
        RuleFor(x => x.Reference).Must(r => r.Count <= MaxReference).WithMessage(_ => Messages.Text("CoachErr_ReferenceSize"))
            .Must(r => r.Select(o => o.ProductId).Distinct().Count() == r.Count).WithMessage(_ => Messages.Text("CoachErr_ReferenceTwice"));
    }
}

/// <summary>The trainers' case library: list, build from a customer or by hand, adjust the reference, delete.</summary>
public sealed class PracticeCaseLibrary(IDbContextFactory<CrmDbContext> factory, CustomerProfileService profiles, OfferEngineStore engines, TimeProvider clock)
{
    public async Task<IReadOnlyList<CaseSummary>> ListAsync(CaseFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = db.PracticeCases.AsNoTracking();
        if (filter.World is { } w) query = query.Where(c => c.World == w);
        if (filter.Difficulty is { } d) query = query.Where(c => c.Difficulty == d);
        if (filter.Language is { Length: > 0 } l) query = query.Where(c => c.Language == l);
        if (filter.Objection is { } o) query = query.Where(c => c.Objection == o);
        if (filter.Text is { Length: > 0 } text)
        {
            var pattern = LikePattern.Containing(text.Trim().ToLowerInvariant());
            query = query.Where(c => EF.Functions.Like(c.Title.ToLower(), pattern, LikePattern.Escape) || EF.Functions.Like(c.Situation.ToLower(), pattern, LikePattern.Escape));
        }
        var rows = await query.OrderBy(c => c.World).ThenBy(c => c.Difficulty).ThenBy(c => c.Title)
            .Select(c => new
            {
                c.Id, c.Title, c.Language, c.Difficulty, c.World, c.Objection, c.FromCustomer, c.PersonaJson,
                Sessions = db.PracticeSessions.Count(s => s.CaseId == c.Id && s.Answers.Any()),
                Answers = db.PracticeAnswers.Count(a => a.Session!.CaseId == c.Id),
                Average = db.PracticeAnswers.Where(a => a.Session!.CaseId == c.Id).Average(a => (double?)a.Total),
            }).ToListAsync(ct);
        // Segments live in the persona's JSON; a library holds dozens of cases, not thousands, so they are filtered here.
        return rows.Select(r => new CaseSummary(r.Id, r.Title, r.Language, r.Difficulty, r.World, r.Objection,
                CaseJson.Persona(r.PersonaJson).Segments, r.FromCustomer, r.Sessions, r.Answers, r.Average))
            .Where(c => filter.SegmentId is not { } segment || c.Segments.Any(s => s.Id == segment)).ToList();
    }

    /// <returns>Null when there is no such case.</returns>
    public async Task<CaseDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.PracticeCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : new CaseDetail(c, CaseJson.Persona(c.PersonaJson), CaseJson.Reference(c.ReferenceJson));
    }

    public static CaseInput Edit(CaseDetail d) => new()
    {
        Version = d.Case.Version, Title = d.Case.Title, Language = d.Case.Language, Difficulty = d.Case.Difficulty, World = d.Case.World,
        Objection = d.Case.Objection, Situation = d.Case.Situation, CustomerSays = d.Case.CustomerSays, TrainerNotes = d.Case.TrainerNotes,
        FromCustomer = d.Case.FromCustomer, Persona = d.Persona, Reference = d.Reference.ToList(),
    };

    /// <summary>
    /// A new case drafted from a real customer: anonymised, with the engine's recommendation of this
    /// moment as the reference. Nothing is stored until the trainer saves.
    /// </summary>
    /// <returns>Null when there is no such customer.</returns>
    public async Task<CaseInput?> DraftFromCustomerAsync(int customerId, string language, CancellationToken ct = default)
    {
        var profile = await profiles.LoadAsync(customerId, ct, predictClv: false); // a persona shows no prediction
        if (profile is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == customerId).OrderByDescending(s => s.StartedOn)
                .Select(s => new { s.PlanProductId, Plan = s.Plan!.Name, s.StartedOn, s.Status, s.MonthlyPrice }).ToListAsync(ct))
            .Select(s => new CaseSubscription(s.PlanProductId, s.Plan, CaseStory.DaysBefore(s.StartedOn.ToDateTime(TimeOnly.MinValue), now), s.Status, s.MonthlyPrice)).ToList();
        var offers = (await db.OfferPresentations.AsNoTracking().Where(o => o.CustomerId == customerId).OrderByDescending(o => o.PresentedAt).Take(CaseStory.OffersKept)
                .Select(o => new { o.ProductId, Product = o.Product!.Name, o.PresentedAt, o.Outcome, o.DeclineReason }).ToListAsync(ct))
            .Select(o => new CaseOffer(o.ProductId, o.Product, CaseStory.DaysBefore(o.PresentedAt, now), o.Outcome, o.DeclineReason)).ToList();
        var persona = CaseStory.Anonymise(profile, subscriptions, offers, now, Random.Shared);
        var anchor = persona.Anchor;
        var de = language == "de";
        return new CaseInput
        {
            Language = language, FromCustomer = true, Persona = persona,
            World = anchor is not null && subscriptions.Any(s => s.PlanProductId == anchor.ProductId) ? CaseWorld.SubscriptionAddOns : CaseWorld.ElectronicsAccessories,
            Title = anchor is null ? persona.Name : de ? $"{persona.Name} und {anchor.Product}" : $"{persona.Name} and the {anchor.Product}",
            Situation = anchor is null
                ? (de ? "Ruft mit einer Frage zu ihrem Kundenkonto an." : "Calls with a question about their account.")
                : (de ? $"Ruft wegen {anchor.Product} an, gekauft vor {anchor.DaysBefore} Tagen." : $"Calls about the {anchor.Product} they bought {anchor.DaysBefore} days ago."),
            Reference = ReferenceFor(persona).ToList(),
        };
    }

    /// <summary>The engine's answer for a persona now; empty while the engine is still being built after a start.</summary>
    public IReadOnlyList<ReferenceOffer> ReferenceFor(CasePersona persona) =>
        engines.Current is { } engine ? CaseStory.Reference(engine, persona, clock.GetUtcNow().UtcDateTime) : [];

    /// <summary>What a good rep would say for each reference offer, in the case's language; empty while the engine is being built.</summary>
    public IReadOnlyList<(CatalogProduct Product, TalkingPoints Points)> TalkingPoints(CaseDetail detail) =>
        engines.Current is { } engine ? CaseStory.TalkingPoints(engine, detail.Persona, detail.Reference, detail.Case.Language, clock.GetUtcNow().UtcDateTime) : [];

    /// <summary>Creates (id null) or updates a case.</summary>
    /// <exception cref="ValidationException">Invalid input, an unknown product, or someone else saved first.</exception>
    public async Task<int> SaveAsync(int? id, CaseInput input, string? trainerId, CancellationToken ct = default)
    {
        await new CaseInputValidator().ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var used = input.Reference.Select(r => r.ProductId)
            .Concat(input.Persona.Orders.SelectMany(o => o.Lines).Select(l => l.ProductId))
            .Concat(input.Persona.Subscriptions.Select(s => s.PlanProductId)).Distinct().ToList();
        var known = await db.Products.Where(p => used.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (used.Except(known).Any())
            throw new ValidationException([new ValidationFailure(nameof(input.Reference), Messages.Text("CoachErr_UnknownProduct"))]);

        var now = clock.GetUtcNow().UtcDateTime;
        PracticeCase entity;
        if (id is { } existing)
        {
            entity = await db.PracticeCases.FirstOrDefaultAsync(c => c.Id == existing, ct)
                ?? throw new ValidationException([new ValidationFailure("Id", Messages.Text("CoachErr_CaseGone"))]);
            db.Entry(entity).Property(c => c.Version).OriginalValue = input.Version;
        }
        else
        {
            entity = new PracticeCase { Title = "", Language = "en", Situation = "", PersonaJson = "", ReferenceJson = "", CreatedById = trainerId, CreatedAt = now };
            db.PracticeCases.Add(entity);
        }
        entity.Title = input.Title.Trim();
        entity.Language = input.Language;
        (entity.Difficulty, entity.World, entity.Objection) = (input.Difficulty, input.World, input.Objection);
        entity.Situation = input.Situation.Trim();
        entity.CustomerSays = Blank(input.CustomerSays);
        entity.TrainerNotes = Blank(input.TrainerNotes);
        entity.FromCustomer = input.FromCustomer;
        entity.PersonaJson = CaseJson.Write(input.Persona with { OrderCount = Math.Max(input.Persona.OrderCount, input.Persona.Orders.Count) });
        entity.ReferenceJson = CaseJson.Write(input.Reference);
        entity.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationException([new ValidationFailure(nameof(input.Version), Messages.Text("CoachErr_Concurrency"))]);
        }
        return entity.Id;
    }

    /// <exception cref="ValidationException">The case has been practised: its answers are the trainees' progress.</exception>
    public async Task DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var answers = await db.PracticeAnswers.CountAsync(a => a.Session!.CaseId == id, ct);
        if (answers > 0)
            throw new ValidationException([new ValidationFailure("Id", Messages.Text("CoachErr_Practised"))]);
        await db.PracticeSessions.Where(s => s.CaseId == id).ExecuteDeleteAsync(ct);
        if (await db.PracticeCases.FirstOrDefaultAsync(c => c.Id == id, ct) is { } c)
        {
            db.PracticeCases.Remove(c);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The segments a hand-written persona may belong to (the engine uses them for segment favourites).</summary>
    public async Task<IReadOnlyList<CaseSegment>> SegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var language = Localization.Messages.Language;
        return (await db.Segments.AsNoTracking().ToListAsync(ct)).Select(s => new CaseSegment(s.Id, s.NameFor(language)))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
    }

    public async Task<IReadOnlyList<PickableProduct>> ProductsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().OrderBy(p => p.Category!.NameEn).ThenBy(p => p.Name)
            .Select(p => new PickableProduct(p.Id, p.Name, p.Category!.NameEn, p.Category.NameDe, p.Kind, p.Price, p.IsActive)).ToListAsync(ct);
    }

    /// <summary>Everything the scorer needs for a case: its products and which of them are curated complements of the customer's purchases.</summary>
    public async Task<ScoringCase> ScoringCaseAsync(CaseDetail detail, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking()
            .Select(p => new CaseProduct(p.Id, p.Name, p.Category!.NameEn, p.Category.NameDe, p.Price, p.BenefitEn, p.BenefitDe, p.IsRepeatable))
            .ToDictionaryAsync(p => p.Id, ct);
        var owned = detail.Persona.OwnedProductIds();
        var curated = await db.ProductRelations.AsNoTracking().Where(r => owned.Contains(r.FromProductId)).Select(r => new { r.FromProductId, r.ToProductId }).ToListAsync(ct);
        return ScoringCase.From(detail.Persona, detail.Reference, products, curated.Select(r => (r.FromProductId, r.ToProductId)));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
