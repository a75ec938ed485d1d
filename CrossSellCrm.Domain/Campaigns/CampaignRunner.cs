using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Domain.Recommendations.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>
/// Sends campaigns in the background. A due campaign is taken with a lease (one instance works on it; another takes over
/// when the lease runs out), its members are prepared in batches — each one's arm and best e-mail offer — and then mailed,
/// throttled, each mail decided again just before it goes (a consent withdrawn or a cap reached in between is heeded),
/// recorded with its message id, and retried with a doubling wait when the server fails. Conversions are attributed here too.
/// </summary>
public sealed class CampaignRunner(
    IDbContextFactory<CrmDbContext> factory, EngineIndexLoader loader, NextBestOfferService offers, SmtpMailer mailer, CampaignLinks links,
    ChangeHub changes, IOptions<CampaignOptions> options, TimeProvider clock, ILogger<CampaignRunner> logger)
{
    public const int PrepareBatch = 2_000;
    public const int SendBatch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private CampaignOptions Options => options.Value;

    /// <summary>Works on every campaign that is due (or whose sender died), then attributes conversions.</summary>
    /// <returns>Whether mails are still waiting (a retry, the throttle): the caller comes back soon.</returns>
    public async Task<bool> RunAsync(CancellationToken ct = default)
    {
        var waiting = false;
        // Each campaign once a round: one whose mails wait for a retry would otherwise be claimed again at once, in a busy loop.
        var worked = new HashSet<int>();
        while (await ClaimAsync(worked, ct) is { } id)
        {
            worked.Add(id);
            waiting |= await WorkOnAsync(id, ct);
        }
        await AttributeConversionsAsync(ct);
        return waiting;
    }

    /// <summary>Takes one campaign that is due, or whose lease ran out, with a conditional update: only one instance wins it.</summary>
    private async Task<int?> ClaimAsync(IReadOnlySet<int> worked, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var candidates = await db.Campaigns.AsNoTracking()
            .Where(c => (c.Status == CampaignStatus.Scheduled && c.ScheduledFor <= now)
                        || ((c.Status == CampaignStatus.Preparing || c.Status == CampaignStatus.Sending) && (c.LeaseUntil == null || c.LeaseUntil < now)))
            .OrderBy(c => c.ScheduledFor).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in candidates.Where(id => !worked.Contains(id)))
        {
            var taken = await db.Campaigns
                .Where(c => c.Id == id && (c.LeaseUntil == null || c.LeaseUntil < now)
                            && (c.Status == CampaignStatus.Scheduled || c.Status == CampaignStatus.Preparing || c.Status == CampaignStatus.Sending))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, now + Lease).SetProperty(c => c.Version, Guid.NewGuid()), ct);
            if (taken == 1) return id;
        }
        return null;
    }

    /// <returns>Whether mails of it are still waiting.</returns>
    private async Task<bool> WorkOnAsync(int campaignId, CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
            if (campaign.Status is CampaignStatus.Scheduled or CampaignStatus.Preparing)
            {
                if (!await SetStatusAsync(campaignId, CampaignStatus.Preparing, ct, started: true)) return false; // cancelled meanwhile
                await PrepareAsync(campaign, ct);
                if (!await SetStatusAsync(campaignId, CampaignStatus.Sending, ct, from: CampaignStatus.Preparing)) return false; // cancelled meanwhile
            }
            return await SendAsync(campaign, ct);
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    /// <summary>
    /// Every member of the segment gets a send record: their arm, and the offer they would get (a holdout member's is what
    /// they would have been mailed — the comparison needs it). A re-run (after a crash) adds only the members not yet there.
    /// </summary>
    public async Task<int> PrepareAsync(Campaign campaign, CancellationToken ct = default)
    {
        var prepared = 0;
        var after = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var batch = await db.SegmentMemberships.AsNoTracking()
                .Where(m => m.SegmentId == campaign.SegmentId && m.CustomerId > after
                            && !db.CampaignSends.Any(s => s.CampaignId == campaign.Id && s.CustomerId == m.CustomerId))
                .OrderBy(m => m.CustomerId).Select(m => m.CustomerId).Take(PrepareBatch).ToListAsync(ct);
            if (batch.Count == 0) break;
            after = batch[^1];
            var now = clock.GetUtcNow().UtcDateTime;
            var members = await MembersAsync(db, batch, ct);
            var mailed = await MailsThisWeekAsync(db, batch, campaign.Id, now, ct);
            foreach (var member in members)
            {
                var choice = CampaignChooser.Choose(member, campaign.Id, campaign.HoldoutPercent, mailed.GetValueOrDefault(member.CustomerId),
                    Options.MaxMailsPerWeek, offers.DecideForMail);
                db.CampaignSends.Add(new CampaignSend
                {
                    CampaignId = campaign.Id, CustomerId = member.CustomerId, Arm = choice.Arm, Status = choice.Status, SkipReason = choice.Skip,
                    Language = member.Language, ProductId = choice.Offer?.Product.Id, Score = choice.Offer?.Score ?? 0, Reason = ReasonOf(choice.Offer, member.Language),
                    PreparedAt = now, ConvertsUntil = choice.Status == SendStatus.Held ? now.AddDays(campaign.ConversionWindowDays) : null,
                });
            }
            await db.SaveChangesAsync(ct);
            prepared += members.Count;
            await RenewLeaseAsync(db, campaign.Id, ct);
        }
        return prepared;
    }

    /// <summary>Mails the pending sends, a batch over one SMTP connection at a time, throttled.</summary>
    /// <returns>Whether some are waiting for a retry.</returns>
    private async Task<bool> SendAsync(Campaign campaign, CancellationToken ct)
    {
        var pace = new Pace(Options.MessagesPerMinute, clock);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var status = await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Status).FirstAsync(ct);
            if (status != CampaignStatus.Sending) return false;
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.CampaignSends.Where(s => s.CampaignId == campaign.Id && s.Status == SendStatus.Pending && (s.NextAttemptAt == null || s.NextAttemptAt <= now))
                .OrderBy(s => s.Id).Take(SendBatch).ToListAsync(ct);
            if (due.Count == 0)
            {
                if (await db.CampaignSends.AnyAsync(s => s.CampaignId == campaign.Id && s.Status == SendStatus.Pending, ct)) return true;
                await SetStatusAsync(campaign.Id, CampaignStatus.Sent, ct, from: CampaignStatus.Sending, finished: true);
                logger.LogInformation("Campaign #{Campaign} is sent", campaign.Id);
                changes.Publish(new CampaignOutcomesWritten(campaign.Id));
                return false;
            }

            SmtpSession session;
            try { session = await mailer.OpenAsync(ct); }
            catch (MailDeliveryException e)
            {
                // The server cannot be used at all (down, a wrong password): no mail is to blame, so none uses up an attempt —
                // the whole campaign waits and tries again, until the server works or the manager cancels it.
                logger.LogWarning("Campaign #{Campaign}: {Error}", campaign.Id, e.Message);
                var error = Cut(e.Message);
                var retry = now.AddSeconds(Options.RetryAfterSeconds);
                await db.CampaignSends.Where(s => s.CampaignId == campaign.Id && s.Status == SendStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextAttemptAt, retry).SetProperty(s => s.LastError, error), ct);
                return true;
            }
            await using (session)
            {
                var members = (await MembersAsync(db, [.. due.Select(s => s.CustomerId ?? 0)], ct)).ToDictionary(m => m.CustomerId);
                var mailed = await MailsThisWeekAsync(db, [.. members.Keys], campaign.Id, now, ct);
                foreach (var send in due)
                {
                    ct.ThrowIfCancellationRequested();
                    if (!session.IsConnected) break; // the rest of the batch waits for the next connection
                    await pace.WaitAsync(ct);
                    await SendOneAsync(db, campaign, send, send.CustomerId is { } id ? members.GetValueOrDefault(id) : null, mailed, session, ct);
                    await db.SaveChangesAsync(ct);
                }
            }
            await RenewLeaseAsync(db, campaign.Id, ct);
        }
    }

    private async Task SendOneAsync(CrmDbContext db, Campaign campaign, CampaignSend send, CampaignMember? member,
        Dictionary<int, int> mailed, SmtpSession session, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        member ??= new CampaignMember(send.CustomerId ?? 0, null, null, send.Language, "", "");
        // Decided again now: the prepared offer may have been bought, declined on a call or its consent withdrawn since.
        var choice = CampaignChooser.Choose(member, campaign.Id, 0, mailed.GetValueOrDefault(member.CustomerId), Options.MaxMailsPerWeek, offers.DecideForMail);
        if (choice.Offer is not { } offer)
        {
            (send.Status, send.SkipReason) = (SendStatus.Skipped, choice.Skip);
            return;
        }
        var mailLinks = await links.LinksAsync(Options.PublicBaseUrl is { Length: > 0 } configured ? configured : campaign.LinkBaseUrl ?? "http://localhost", send.Id, ct);
        var message = CampaignMail.Render(campaign.TextsFor(member.Language), member, offer, mailLinks);
        (send.ProductId, send.Score, send.Reason, send.Language) = (offer.Product.Id, offer.Score, ReasonOf(offer, member.Language), member.Language);
        if (message.Pressure.Count > 0)
        {
            // The catalogue's benefit text or a reason said something pushy: not sent, and the page says why.
            (send.Status, send.SkipReason, send.LastError) = (SendStatus.Skipped, SkipReason.PressureWording, string.Join(", ", message.Pressure));
            return;
        }
        send.Attempts++;
        try
        {
            send.MessageId = await session.SendAsync(message, mailLinks.Unsubscribe, member.Language, ct);
        }
        catch (MailDeliveryException e)
        {
            Failed(send, e.Message, e.Permanent, now);
            return;
        }
        (send.Status, send.SentAt, send.NextAttemptAt, send.LastError) = (SendStatus.Sent, now, null, null);
        send.ConvertsUntil = now.AddDays(campaign.ConversionWindowDays);
        mailed[member.CustomerId] = mailed.GetValueOrDefault(member.CustomerId) + 1;
        // The engine's history hears the offer like one made on a call: it rests, counts against declines, and is learnt from.
        var presentation = new OfferPresentation
        {
            CustomerId = member.CustomerId, ProductId = offer.Product.Id, AnchorProductId = offer.Anchor?.Id, PresentedAt = now,
            Channel = Customers.ContactChannel.Email, Rank = 1, Score = offer.Score, ReasonsShown = send.Reason, Outcome = OfferOutcome.NoAnswer,
            StrategyVersion = offers.StrategyVersion, ShownProbability = offer.ShownProbability, Chance = offer.Chance,
            ChanceFromModel = offer.ChanceSource == Recommendations.Acceptance.ChanceSource.Model,
        };
        db.OfferPresentations.Add(presentation);
        await db.SaveChangesAsync(ct);
        send.OfferPresentationId = presentation.Id;
    }

    private void Failed(CampaignSend send, string error, bool permanent, DateTime now)
    {
        send.LastError = Cut(error);
        if (permanent || send.Attempts >= Options.MaxAttempts) (send.Status, send.NextAttemptAt) = (SendStatus.Failed, null);
        else send.NextAttemptAt = now.AddSeconds(Options.RetryAfterSeconds * Math.Pow(2, send.Attempts - 1));
    }

    /// <summary>
    /// A purchase of the offered product by the member within the window counts as the mail's conversion (the holdout's the
    /// same way: what happened without a mail). The mail's offer becomes accepted in the engine's history, with that order.
    /// </summary>
    public async Task<int> AttributeConversionsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = now.AddDays(-2 * CampaignInputValidator.MaxConversionWindowDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await (from s in db.CampaignSends
                           where (s.Status == SendStatus.Sent || s.Status == SendStatus.Held) && s.ConvertedAt == null && s.ConvertsUntil != null && s.ConvertsUntil >= oldest
                           from l in db.OrderLines
                           where l.ProductId == s.ProductId && l.Order!.CustomerId == s.CustomerId && l.Quantity > 0
                                 && l.Order.OrderedAt >= (s.SentAt ?? s.PreparedAt) && l.Order.OrderedAt <= s.ConvertsUntil
                           select new { SendId = s.Id, s.CampaignId, s.OfferPresentationId, l.OrderId, l.Order!.OrderedAt, l.Quantity, l.UnitPrice, l.Discount })
            .ToListAsync(ct);
        var first = found.GroupBy(f => f.SendId).Select(g => g.OrderBy(f => f.OrderedAt).First()).ToList();
        foreach (var f in first)
        {
            var revenue = f.Quantity * f.UnitPrice - f.Discount;
            await db.CampaignSends.Where(s => s.Id == f.SendId && s.ConvertedAt == null).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ConvertedAt, f.OrderedAt).SetProperty(s => s.ConvertedOrderId, f.OrderId).SetProperty(s => s.ConvertedRevenue, revenue), ct);
            if (f.OfferPresentationId is { } offerId)
                await db.OfferPresentations.Where(o => o.Id == offerId && o.Outcome == OfferOutcome.NoAnswer).ExecuteUpdateAsync(u => u
                    .SetProperty(o => o.Outcome, OfferOutcome.Accepted).SetProperty(o => o.AnsweredAt, f.OrderedAt)
                    .SetProperty(o => o.OrderId, f.OrderId).SetProperty(o => o.Version, Guid.NewGuid()), ct);
        }
        foreach (var campaignId in first.Select(f => f.CampaignId).Distinct()) changes.Publish(new CampaignOutcomesWritten(campaignId));
        return first.Count;
    }

    /// <summary>Who the members are and how to write to them (no snapshot).</summary>
    internal static async Task<List<CampaignMember>> PeopleAsync(CrmDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var people = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Email, c.Country, c.FirstName, c.LastName }).ToListAsync(ct);
        return [.. people.Select(p => new CampaignMember(p.Id, null, p.Email, CampaignChooser.LanguageOf(p.Country), p.FirstName, p.LastName))];
    }

    /// <summary>With their snapshots (erased customers have none).</summary>
    private async Task<List<CampaignMember>> MembersAsync(CrmDbContext db, List<int> ids, CancellationToken ct)
    {
        var snapshots = await loader.CustomersAsync(ids, ct);
        return [.. (await PeopleAsync(db, ids, ct)).Select(m => m with { Snapshot = snapshots.GetValueOrDefault(m.CustomerId) })];
    }

    /// <summary>The weekly cap's count: campaign mails sent (or about to be, in another campaign) to each customer in the last 7 days.</summary>
    /// <param name="campaignId">The campaign asking: its own mails do not count (null: a preview outside any campaign).</param>
    internal static async Task<Dictionary<int, int>> MailsThisWeekAsync(CrmDbContext db, List<int> ids, int? campaignId, DateTime now, CancellationToken ct)
    {
        var weekAgo = now.AddDays(-7);
        return await db.CampaignSends
            .Where(s => s.CustomerId != null && ids.Contains(s.CustomerId.Value) && s.CampaignId != campaignId
                        && ((s.Status == SendStatus.Sent && s.SentAt >= weekAgo) || (s.Status == SendStatus.Pending && s.PreparedAt >= weekAgo)))
            .GroupBy(s => s.CustomerId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
    }

    private static string? ReasonOf(RecommendedOffer? offer, string language) =>
        offer?.Reasons is [var first, ..] ? Cut(language == "de" ? first.TextDe : first.TextEn) : null;

    /// <summary>As much as the column holds (500).</summary>
    private static string Cut(string text) => text.Length > 500 ? text[..500] : text;

    private async Task<bool> SetStatusAsync(int id, CampaignStatus to, CancellationToken ct, CampaignStatus? from = null, bool started = false, bool finished = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await db.Campaigns.Where(c => c.Id == id && (from == null || c.Status == from) && c.Status != CampaignStatus.Cancelled)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, to).SetProperty(c => c.Version, Guid.NewGuid())
                .SetProperty(c => c.StartedAt, c => started ? c.StartedAt ?? now : c.StartedAt)
                .SetProperty(c => c.FinishedAt, c => finished ? now : c.FinishedAt), ct);
        return n == 1;
    }

    private async Task RenewLeaseAsync(CrmDbContext db, int id, CancellationToken ct)
    {
        var until = clock.GetUtcNow().UtcDateTime + Lease;
        await db.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, until), ct);
    }

    /// <summary>At most N mails a minute, evenly spaced (a burst would trip the server's own limits).</summary>
    private sealed class Pace(int perMinute, TimeProvider clock)
    {
        private readonly TimeSpan _gap = TimeSpan.FromMinutes(1.0 / perMinute);
        private DateTimeOffset _next = clock.GetUtcNow();

        public async Task WaitAsync(CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (_next > now) await Task.Delay(_next - now, clock, ct);
            _next = (_next > now ? _next : now) + _gap;
        }
    }
}
