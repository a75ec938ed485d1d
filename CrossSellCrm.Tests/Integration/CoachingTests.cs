using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Coaching;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The coaching services against the real app and its SQLite file: cases, sessions, scores and progress.</summary>
public class CoachingTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private T Service<T>() where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static AnswerSubmission Answer(string pitch, params int[] picks) => new() { Picks = picks.ToList(), Pitch = pitch, SecondsTaken = 42 };

    [Fact]
    public async Task DemoCases_EachWorldInEnglishAndGerman_WithKnownProducts()
    {
        var cases = await Service<PracticeCaseLibrary>().ListAsync(new CaseFilter());
        foreach (var world in new[] { CaseWorld.ElectronicsAccessories, CaseWorld.SubscriptionAddOns, CaseWorld.Bundles })
            Assert.Equal(["de", "en"], cases.Where(c => c.World == world).Select(c => c.Language).Distinct().Order());

        await using var db = await app.DbFactory.CreateDbContextAsync();
        var products = await db.Products.Select(p => p.Id).ToListAsync();
        foreach (var c in await db.PracticeCases.ToListAsync())
        {
            var reference = CaseJson.Reference(c.ReferenceJson);
            Assert.Contains(reference, r => !r.MustNotOffer);
            Assert.All(reference, r => Assert.Contains(r.ProductId, products));
            Assert.NotNull(CaseJson.Persona(c.PersonaJson).Anchor);
        }
        Assert.Single(await Service<PracticeCaseLibrary>().ListAsync(new CaseFilter(Text: "zugfahrt")));
        var studentsId = (await db.Segments.SingleAsync(s => s.Name == "Students")).Id;
        var students = await Service<PracticeCaseLibrary>().ListAsync(new CaseFilter(SegmentId: studentsId));
        Assert.Equal(["de", "en"], students.Select(c => c.Language).Distinct().Order());
        Assert.All(students, c => Assert.Contains(c.Segments, s => s.Id == studentsId));
        Assert.Contains(students, c => c.Language == "de" && c.Segments.Any(s => s.Name == "Studierende")); // a German case names it in German
    }

    [Fact]
    public async Task DemoHistory_EveryRepHasPractised_AndStoredScoresAreTheScorersOwn()
    {
        var library = Service<PracticeCaseLibrary>();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var answers = await db.PracticeAnswers.Include(a => a.Session).Where(a => a.Session!.Code.StartsWith("DEMO")).ToListAsync();
        Assert.Equal(6, answers.Select(a => a.TraineeId).Distinct().Count());
        foreach (var a in answers.Take(12))
        {
            var detail = (await library.GetAsync(a.Session!.CaseId))!;
            var score = AnswerScorer.Score(await library.ScoringCaseAsync(detail), new AnswerInput(PracticeAnswer.ParsePicks(a.PickedProductIds), a.Pitch, detail.Case.Language));
            Assert.Equal((score.Total, score[ScoreDimension.Relevance].Points), (a.Total, a.Relevance));
        }
        Assert.Contains(answers, a => a.Total >= 80);
        Assert.Contains(answers, a => a.Pressure == 0);
    }

    [Fact]
    public async Task DraftFromCustomer_AnonymisedKeepsDimensionsAndStory_ReferenceIsTheEnginesAnswer()
    {
        await app.EngineAsync();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var customer = await db.Customers.Include(c => c.Tags).Include(c => c.Lifestyle)
            .Where(c => c.Email != null && c.Phone != null && db.Orders.Count(o => o.CustomerId == c.Id) >= 3)
            .OrderBy(c => c.Id).FirstAsync();
        // The background workers may swap in a rebuilt engine at any time: compare with the engine the draft was made with.
        var store = app.Services.GetRequiredService<OfferEngineStore>();
        NextBestOfferEngine engine;
        CaseInput draft;
        do
        {
            engine = store.Current!;
            draft = (await Service<PracticeCaseLibrary>().DraftFromCustomerAsync(customer.Id, "de"))!;
        }
        while (!ReferenceEquals(engine, store.Current));
        var json = CaseJson.Write(draft.Persona);

        Assert.NotEqual(customer.FullName, draft.Persona.Name);
        Assert.DoesNotContain(customer.LastName, json);
        Assert.DoesNotContain(customer.Email!, json);
        Assert.DoesNotContain(customer.Phone!, json);
        if (customer.PostalCode is { } postal) Assert.DoesNotContain(postal, json);
        Assert.DoesNotMatch(new Regex(@"\d{4}-\d{2}-\d{2}"), json); // no exact dates, only days before the call
        Assert.Equal((customer.Country, customer.City, customer.Gender, customer.IncomeBand), (draft.Persona.Country, draft.Persona.City, draft.Persona.Gender, draft.Persona.Income));
        Assert.Equal(customer.Lifestyle?.Code, draft.Persona.Lifestyle?.Code);
        Assert.Equal(customer.Tags.Where(t => t.Kind == TagKind.Interest).Select(t => t.Code).Order(), draft.Persona.Interests.Select(t => t.Code).Order());
        Assert.Equal(await db.Orders.CountAsync(o => o.CustomerId == customer.Id), draft.Persona.OrderCount);
        var newest = await db.Orders.Where(o => o.CustomerId == customer.Id).MaxAsync(o => o.OrderedAt);
        Assert.Equal(CaseStory.DaysBefore(newest, DateTime.UtcNow), draft.Persona.Orders.Min(o => o.DaysBefore));

        // The reference is what the engine decides for the persona now.
        var expected = engine.Decide(CaseStory.Snapshot(draft.Persona, DateTime.UtcNow), ContactChannel.Phone, DateTime.UtcNow).Offers.Select(o => o.Product.Id);
        Assert.Equal(expected, draft.Reference.Select(r => r.ProductId));
        // What the trainer shows as a good rep's words is what the cockpit would say to this persona on a call.
        var snapshot = CaseStory.Snapshot(draft.Persona, DateTime.UtcNow);
        var onACall = Suggestion.Compose(engine.Decide(snapshot, ContactChannel.Phone, DateTime.UtcNow), snapshot, "de").Offers.Select(o => o.Points.All().ToList());
        Assert.Equal(onACall, CaseStory.TalkingPoints(engine, draft.Persona, draft.Reference, "de", DateTime.UtcNow).Select(t => t.Points.All().ToList()));
        Assert.StartsWith("Ruft wegen", draft.Situation);

        var id = await Service<PracticeCaseLibrary>().SaveAsync(null, draft, await UserIdAsync(DemoAccounts.Trainer));
        var saved = (await Service<PracticeCaseLibrary>().GetAsync(id))!;
        Assert.Equal(draft.Persona.Name, saved.Persona.Name);
        Assert.Equal(draft.Reference.Select(r => r.ProductId), saved.Reference.Select(r => r.ProductId));
        Assert.True(saved.Case.FromCustomer);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(PracticeCase) && a.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Save_BadInput_SaysWhatAndWhereAndStoresNothing()
    {
        var library = Service<PracticeCaseLibrary>();
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var before = await db.PracticeCases.CountAsync();
        var input = new CaseInput { Title = "", Situation = "", Persona = new CasePersona { Name = "", Country = "Germany", Age = 7 }, Reference = [new(1), new(1)] };

        var e = await Assert.ThrowsAsync<ValidationException>(() => library.SaveAsync(null, input, null));
        Assert.Equal(["Persona.Age", "Persona.Country", "Persona.Name", "Reference", "Situation", "Title"], e.Errors.Select(x => x.PropertyName).Distinct().Order());

        var unknown = new CaseInput { Title = "x", Situation = "y", Persona = new CasePersona { Name = "Kim", Country = "DE" }, Reference = [new(99_999)] };
        var e2 = await Assert.ThrowsAsync<ValidationException>(() => library.SaveAsync(null, unknown, null));
        Assert.Equal(CrossSellCrm.Domain.Localization.Messages.Text("CoachErr_UnknownProduct"), e2.Errors.Single().ErrorMessage);
        Assert.Equal(before, await db.PracticeCases.CountAsync());
    }

    [Fact]
    public async Task Save_OverSomeoneElsesNewerEdit_IsRefused()
    {
        var library = Service<PracticeCaseLibrary>();
        var detail = (await library.GetAsync(1))!;
        var mine = PracticeCaseLibrary.Edit(detail);
        var theirs = PracticeCaseLibrary.Edit(detail);
        theirs.TrainerNotes = "Theirs";
        await library.SaveAsync(1, theirs, null);
        mine.TrainerNotes = "Mine";

        var e = await Assert.ThrowsAsync<ValidationException>(() => library.SaveAsync(1, mine, null));
        Assert.Equal("Version", e.Errors.Single().PropertyName);
        Assert.Equal("Theirs", (await library.GetAsync(1))!.Case.TrainerNotes);
    }

    [Fact]
    public async Task SoloSession_AnswerIsScoredStoredAndRevealed_SecondAnswerRefused()
    {
        await app.EngineAsync();
        var sessions = Service<PracticeSessions>();
        var library = Service<PracticeCaseLibrary>();
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var detail = (await library.GetAsync(1))!; // the Pixel case in English
        var reference = detail.Reference.Where(r => !r.MustNotOffer).Select(r => r.ProductId).ToArray();
        var session = await sessions.StartAsync(detail.Case.Id, SessionMode.Solo, trainee, 120);

        var (answer, score) = await sessions.SubmitAsync(session.Id, trainee, Answer("How is the new Pixel 9? Since you travel a lot, it costs €45 and protects it.", reference[0]));

        var expected = AnswerScorer.Score(await library.ScoringCaseAsync(detail), new AnswerInput([reference[0]], "How is the new Pixel 9? Since you travel a lot, it costs €45 and protects it.", "en"));
        Assert.Equal(expected.Total, score.Total);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var stored = await db.PracticeAnswers.SingleAsync(a => a.Id == answer.Id);
        Assert.Equal((expected.Total, expected[ScoreDimension.Relevance].Points, expected[ScoreDimension.Timing].Points, 42), (stored.Total, stored.Relevance, stored.Timing, stored.SecondsTaken));
        Assert.NotNull((await sessions.GetAsync(session.Id))!.RevealedAt);

        var again = await Assert.ThrowsAsync<ValidationException>(() => sessions.SubmitAsync(session.Id, trainee, Answer("Again", reference[0])));
        Assert.Equal(CrossSellCrm.Domain.Localization.Messages.Text("CoachErr_AlreadyAnswered"), again.Errors.Single().ErrorMessage);
    }

    [Theory]
    [InlineData("", false, "Pitch")]
    [InlineData("Fine", false, "Picks")]
    public async Task Submit_BadAnswer_Refused(string pitch, bool timedOut, string property)
    {
        var sessions = Service<PracticeSessions>();
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var session = await sessions.StartAsync(1, SessionMode.Solo, trainee, null);
        var picks = property == "Picks" ? new[] { 1, 2, 3, 4 } : [1];
        var e = await Assert.ThrowsAsync<ValidationException>(() => sessions.SubmitAsync(session.Id, trainee, new AnswerSubmission { Picks = [.. picks], Pitch = pitch, TimedOut = timedOut }));
        Assert.Equal(property, e.Errors.First().PropertyName);
    }

    [Fact]
    public async Task Submit_TimedOutWithoutPitch_IsAccepted()
    {
        var sessions = Service<PracticeSessions>();
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var session = await sessions.StartAsync(1, SessionMode.Solo, trainee, 60);
        var (answer, score) = await sessions.SubmitAsync(session.Id, trainee, new AnswerSubmission { Picks = [], Pitch = "", TimedOut = true, SecondsTaken = 60 });
        Assert.True(answer.TimedOut);
        Assert.Equal(0, score[ScoreDimension.Relevance].Points);
    }

    [Fact]
    public async Task GroupSession_TrainerHearsAnswersLive_TraineesHearTheReveal()
    {
        var sessions = Service<PracticeSessions>();
        var room = app.Services.GetRequiredService<PracticeRoom>();
        var trainer = await UserIdAsync(DemoAccounts.Trainer);
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var session = await sessions.StartAsync(3, SessionMode.Group, trainer, null); // the gym case in English
        var heard = new List<RoomEvent>();
        using var _ = room.Listen(session.Id, e => { lock (heard) heard.Add(e); });

        Assert.Equal(session.Id, (await sessions.FindAsync(" " + session.Code.ToLowerInvariant()))!.Id);
        sessions.Joined(session.Id, "Lena Wagner");
        await sessions.SubmitAsync(session.Id, trainee, Answer("Personal training fits your four days a week, €249 for five sessions.", 1));
        Assert.Null((await sessions.GetAsync(session.Id))!.RevealedAt); // a group waits for the trainer
        await sessions.RevealAsync(session.Id);
        await sessions.RevealAsync(session.Id); // twice is harmless

        var late = await Assert.ThrowsAsync<ValidationException>(() => sessions.SubmitAsync(session.Id, trainer, Answer("After the reveal", 1)));
        Assert.Equal(CrossSellCrm.Domain.Localization.Messages.Text("CoachErr_Revealed"), late.Errors.Single().ErrorMessage);

        Assert.Equal([RoomEventKind.Joined, RoomEventKind.Answered, RoomEventKind.Revealed], heard.Select(e => e.Kind));
        Assert.Equal("Lena Wagner", heard[1].TraineeName);
        Assert.Single(await sessions.AnswersAsync(session.Id));
    }

    [Fact]
    public async Task Progress_TraineeScoresWeakestPartAndRealCallsFromTheDatabase()
    {
        var sessions = Service<PracticeSessions>();
        var trainee = await UserIdAsync("aylin.demir@crm.example");
        var before = (await Service<CoachingProgress>().TraineeAsync(trainee))!.Answers.Count; // the demo history
        foreach (var (caseId, pitch) in new[] { (1, "Only today! You must buy it."), (7, "Since you bought the camera, the lens is €279 and makes portraits soft.") })
        {
            var s = await sessions.StartAsync(caseId, SessionMode.Solo, trainee, null);
            await sessions.SubmitAsync(s.Id, trainee, Answer(pitch, 1));
        }
        var progress = (await Service<CoachingProgress>().TraineeAsync(trainee))!;

        Assert.Equal(before + 2, progress.Answers.Count);
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var stored = await db.PracticeAnswers.Where(a => a.TraineeId == trainee).ToListAsync();
        Assert.Equal(stored.Average(a => (double)a.Relevance), progress.AverageParts[ScoreDimension.Relevance], 6);
        var lowest = Enum.GetValues<ScoreDimension>().MinBy(d => progress.AverageParts[d]);
        Assert.Equal(lowest, progress.Weakest);

        // Real calls, counted independently: distinct (customer, day) with offers by this rep in the last 90 days.
        var since = DateTime.UtcNow.Date.AddDays(1 - CoachingProgress.CallDays);
        var offers = await db.OfferPresentations.Where(o => o.RepId == trainee && o.PresentedAt >= since).ToListAsync();
        Assert.Equal(offers.Select(o => (o.CustomerId, o.PresentedAt.Date)).Distinct().Count(), progress.Calls.Calls);
        Assert.Equal(offers.Count, progress.Calls.Presented);
        Assert.Equal(offers.Count(o => o.Outcome == OfferOutcome.Accepted), progress.Calls.Accepted);
        Assert.NotNull(progress.TeamMedianAcceptance);

        var list = await Service<CoachingProgress>().TraineesAsync();
        Assert.Contains(list, t => t.TraineeId == trainee && t.Sessions == before + 2);
    }

    [Fact]
    public async Task CaseProgress_CountsWrongOffersAndMustNots()
    {
        var library = Service<PracticeCaseLibrary>();
        var sessions = Service<PracticeSessions>();
        var detail = (await library.GetAsync(2))!; // the Pixel case in German: the iPhone case must not be offered
        var mustNot = detail.Reference.Single(r => r.MustNotOffer).ProductId;
        var before = (await Service<CoachingProgress>().CaseAsync(detail.Case.Id))!.WrongOffers.FirstOrDefault(w => w.ProductId == mustNot)?.Times ?? 0;
        foreach (var email in new[] { "jonas.becker@crm.example", DemoAccounts.Sales })
        {
            var trainee = await UserIdAsync(email);
            var s = await sessions.StartAsync(detail.Case.Id, SessionMode.Solo, trainee, null);
            await sessions.SubmitAsync(s.Id, trainee, Answer("Ihr neues Pixel braucht eine Hülle.", mustNot));
        }
        var progress = (await Service<CoachingProgress>().CaseAsync(detail.Case.Id))!;

        Assert.True(progress.Answers >= 2);
        var wrong = progress.WrongOffers.Single(w => w.ProductId == mustNot);
        Assert.Equal((true, before + 2), (wrong.MustNotOffer, wrong.Times));
        Assert.Equal(progress.WrongOffers.OrderByDescending(w => w.Times).Select(w => w.ProductId), progress.WrongOffers.Select(w => w.ProductId));
        Assert.Equal(progress.Answers, progress.TotalsBand.Sum());
        var summary = (await library.ListAsync(new CaseFilter(Language: "de"))).Single(c => c.Id == detail.Case.Id);
        Assert.Equal(progress.Answers, summary.Answers);
    }

    [Fact]
    public async Task Delete_PractisedCaseRefused_UnusedCaseDeleted()
    {
        var library = Service<PracticeCaseLibrary>();
        var sessions = Service<PracticeSessions>();
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var input = PracticeCaseLibrary.Edit((await library.GetAsync(2))!);
        input.Title = "Zum Löschen";
        var id = await library.SaveAsync(null, input, null);
        var s = await sessions.StartAsync(id, SessionMode.Group, trainee, null); // started, never answered

        await library.DeleteAsync(id);
        Assert.Null(await library.GetAsync(id));
        Assert.Null(await sessions.GetAsync(s.Id));

        var used = await library.SaveAsync(null, input, null);
        var s2 = await sessions.StartAsync(used, SessionMode.Solo, trainee, null);
        await sessions.SubmitAsync(s2.Id, trainee, Answer("Hallo", 1));
        await Assert.ThrowsAsync<ValidationException>(() => library.DeleteAsync(used));
        Assert.NotNull(await library.GetAsync(used));
    }

    [Fact]
    public async Task Acceptance_IsTheSameNumberOnTheRepsHomeAndInTheirProgress()
    {
        var trainee = await UserIdAsync(DemoAccounts.Sales);
        var progress = (await Service<CoachingProgress>().TraineeAsync(trainee))!;
        var home = (await Service<OfferStatistics>().AcceptanceByRepAsync(CrossSellCrm.Domain.Kpis.Period.LastDays(CoachingProgress.CallDays, DateTime.UtcNow))).Single(r => r.RepId == trainee);
        Assert.Equal(home.Rate, progress.Calls.AcceptanceRate);
    }
}
