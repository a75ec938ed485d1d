using CrossSellCrm.Domain.Changes;
using CrossSellCrm.Domain.Localization;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Domain.Campaigns;

/// <summary>
/// Campaigns as a manager works with them: the list and a campaign's page (each one call), drafts saved, a member's mail
/// previewed, a test mail sent to oneself, scheduling and cancelling. Every change is audited (the entity is) and published
/// once (<see cref="CampaignChanged"/>): the sender hears it.
/// </summary>
public sealed class CampaignService(
    IDbContextFactory<CrmDbContext> factory, EngineIndexLoader loader, NextBestOfferService offers, SmtpMailer mailer, ChangeHub changes,
    IOptions<CampaignOptions> options, TimeProvider clock)
{
    public async Task<CampaignOverview> OverviewAsync(string language, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaigns = await db.Campaigns.AsNoTracking().Include(c => c.Segment).OrderByDescending(c => c.Id).ToListAsync(ct);
        var counts = (await db.CampaignSends.AsNoTracking()
                .GroupBy(s => s.CampaignId)
                .Select(g => new
                {
                    g.Key, Members = g.Count(), Sent = g.Count(s => s.Status == SendStatus.Sent),
                    Clicked = g.Count(s => s.Status == SendStatus.Sent && s.ClickedAt != null),
                    Converted = g.Count(s => s.Status == SendStatus.Sent && s.ConvertedAt != null),
                    Unsubscribed = g.Count(s => s.Status == SendStatus.Sent && s.UnsubscribedAt != null),
                }).ToListAsync(ct)).ToDictionary(x => x.Key);
        // Revenue is summed here, not in SQL: SQLite stores decimals as text.
        var revenue = (await db.CampaignSends.AsNoTracking().Where(s => s.Status == SendStatus.Sent && s.ConvertedRevenue != null)
                .Select(s => new { s.CampaignId, s.ConvertedRevenue }).ToListAsync(ct))
            .GroupBy(x => x.CampaignId).ToDictionary(g => g.Key, g => g.Sum(x => x.ConvertedRevenue ?? 0));
        var rows = campaigns.Select(c =>
        {
            var n = counts.GetValueOrDefault(c.Id);
            return new CampaignRow(c.Id, c.Name, c.SegmentId, c.Segment?.NameFor(language) ?? $"#{c.SegmentId}", c.Status, c.ScheduledFor,
                n?.Members ?? 0, n?.Sent ?? 0, n?.Clicked ?? 0, n?.Converted ?? 0, revenue.GetValueOrDefault(c.Id));
        }).ToList();
        var bySegment = rows.Where(r => r.Sent > 0).GroupBy(r => (r.SegmentId, r.Segment))
            .Select(g => new SegmentCampaignResult(g.Key.SegmentId, g.Key.Segment, g.Count(), g.Sum(r => r.Sent), g.Sum(r => r.Clicked), g.Sum(r => r.Converted),
                g.Sum(r => r.Revenue), g.Sum(r => counts.GetValueOrDefault(r.Id)?.Unsubscribed ?? 0)))
            .OrderByDescending(s => s.Sent).ToList();
        return new CampaignOverview(rows, bySegment, mailer.IsConfigured);
    }

    /// <returns>Null when there is no such campaign.</returns>
    public async Task<CampaignView?> ViewAsync(int id, string language, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Segment).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return null;
        // Counted by the database (the page asks every second while a campaign of 100,000 goes out); the revenue of the few
        // converted sends is summed here, as SQLite keeps decimals as text.
        var counted = await db.CampaignSends.AsNoTracking().Where(s => s.CampaignId == id)
            .GroupBy(s => new { s.ProductId, s.Status, s.SkipReason })
            .Select(g => new
            {
                g.Key.ProductId, g.Key.Status, g.Key.SkipReason, Count = g.Count(), Clicked = g.Count(s => s.ClickedAt != null),
                Converted = g.Count(s => s.ConvertedAt != null), Unsubscribed = g.Count(s => s.UnsubscribedAt != null),
            }).ToListAsync(ct);
        var revenue = (await db.CampaignSends.AsNoTracking().Where(s => s.CampaignId == id && s.ConvertedAt != null)
                .Select(s => new { s.ProductId, s.Status, s.SkipReason, s.ConvertedRevenue }).ToListAsync(ct))
            .GroupBy(s => (s.ProductId, s.Status, s.SkipReason)).ToDictionary(g => g.Key, g => g.Sum(s => s.ConvertedRevenue ?? 0));
        var groups = counted.Select(g => new SendGroup(g.ProductId, g.Status, g.SkipReason, g.Count, g.Clicked, g.Converted,
            revenue.GetValueOrDefault((g.ProductId, g.Status, g.SkipReason)), g.Unsubscribed)).ToList();
        var productIds = groups.Where(f => f.ProductId != null).Select(f => f.ProductId!.Value).Distinct().ToList();
        var names = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var failures = await (from s in db.CampaignSends.AsNoTracking()
                              where s.CampaignId == id && s.LastError != null && (s.Status == SendStatus.Failed || s.Status == SendStatus.Pending)
                              join c in db.Customers on s.CustomerId equals c.Id into cs
                              from c in cs.DefaultIfEmpty()
                              orderby s.Id
                              select new CampaignFailure(c == null ? null : c.CustomerNumber, s.LastError!, s.Attempts)).Take(20).ToListAsync(ct);
        var members = await db.SegmentMemberships.CountAsync(m => m.SegmentId == campaign.SegmentId, ct);
        return new CampaignView(campaign, campaign.Segment?.NameFor(language) ?? $"#{campaign.SegmentId}", members, CampaignResults.Of(groups, names), failures, mailer.IsConfigured);
    }

    /// <summary>What the editor shows, in one call: the campaign as a form (a new one's default texts) and the segments to choose from.</summary>
    /// <returns>Null when <paramref name="id"/> names no campaign.</returns>
    public async Task<CampaignEditorData?> EditorAsync(int? id, string language, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var segments = (await db.Segments.AsNoTracking().Select(s => new { s.Id, s.Name, s.NameDe, s.MemberCount }).ToListAsync(ct))
            .Select(s => new CampaignSegmentOption(s.Id, Messages.Pick(language, s.Name, s.NameDe), s.MemberCount))
            .OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        if (id is null) return new CampaignEditorData(CampaignInput.WithDefaultTexts(), CampaignStatus.Draft, null, segments, mailer.IsConfigured);
        var c = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : new CampaignEditorData(CampaignInput.Of(c), c.Status, c.Version, segments, mailer.IsConfigured);
    }

    /// <summary>Saves a draft: new (<paramref name="id"/> null) or an edit of a draft or scheduled campaign (a scheduled one stays scheduled).</summary>
    /// <param name="version">The version the edit began from: someone else's save in between is refused, not overwritten.</param>
    /// <exception cref="ValidationException">The input is invalid, the segment does not exist, or the campaign is already being sent.</exception>
    /// <exception cref="DbUpdateConcurrencyException">Someone else changed it since <paramref name="version"/>.</exception>
    public async Task<int> SaveAsync(CampaignInput input, int? id = null, Guid? version = null, CancellationToken ct = default)
    {
        await new CampaignInputValidator().ValidateAndThrowAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Segments.AnyAsync(s => s.Id == input.SegmentId, ct))
            throw Invalid(nameof(CampaignInput.SegmentId), "Campaign_NoSegment");
        Campaign campaign;
        if (id is { } existing)
        {
            campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == existing, ct) ?? throw Invalid(nameof(Campaign.Id), "Campaign_NotFound");
            if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled)) throw Invalid(nameof(Campaign.Status), "Campaign_NotEditable");
            if (version is { } v) db.Entry(campaign).Property(c => c.Version).OriginalValue = v;
        }
        else
        {
            campaign = new Campaign
            {
                Name = "", SubjectEn = "", GreetingEn = "", ClosingEn = "", FooterEn = "", SubjectDe = "", GreetingDe = "", ClosingDe = "", FooterDe = "",
                Status = CampaignStatus.Draft, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = db.CurrentUserName,
            };
            db.Campaigns.Add(campaign);
        }
        campaign.Name = input.Name.Trim();
        campaign.SegmentId = input.SegmentId!.Value;
        campaign.HoldoutPercent = input.HoldoutPercent;
        campaign.ConversionWindowDays = input.ConversionWindowDays;
        (campaign.SubjectEn, campaign.GreetingEn, campaign.ClosingEn, campaign.FooterEn) = (input.SubjectEn.Trim(), input.GreetingEn.Trim(), input.ClosingEn.Trim(), input.FooterEn.Trim());
        (campaign.SubjectDe, campaign.GreetingDe, campaign.ClosingDe, campaign.FooterDe) = (input.SubjectDe.Trim(), input.GreetingDe.Trim(), input.ClosingDe.Trim(), input.FooterDe.Trim());
        await db.SaveChangesAsync(ct);
        changes.Publish(new CampaignChanged(campaign.Id));
        return campaign.Id;
    }

    /// <summary>Schedules a draft: from <paramref name="at"/> (UTC; now or later) the sender prepares and mails it.</summary>
    /// <param name="linkBaseUrl">The app's address as the manager reached it: the mails' links point there unless "Campaigns:PublicBaseUrl" says otherwise.</param>
    /// <exception cref="ValidationException">No SMTP server, not a draft, or a time in the past.</exception>
    public async Task ScheduleAsync(int id, DateTime at, string linkBaseUrl, CancellationToken ct = default)
    {
        if (!mailer.IsConfigured) throw Invalid("Smtp", "Campaign_NoSmtp");
        var now = clock.GetUtcNow().UtcDateTime;
        if (at < now.AddMinutes(-1)) throw Invalid(nameof(Campaign.ScheduledFor), "Campaign_InThePast");
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw Invalid(nameof(Campaign.Id), "Campaign_NotFound");
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled)) throw Invalid(nameof(Campaign.Status), "Campaign_NotEditable");
        (campaign.Status, campaign.ScheduledFor, campaign.LinkBaseUrl) = (CampaignStatus.Scheduled, at < now ? now : at, linkBaseUrl);
        await db.SaveChangesAsync(ct);
        changes.Publish(new CampaignChanged(id));
    }

    /// <summary>Stops a campaign: not yet sent mails are not sent (they count as skipped); what was sent stays recorded.</summary>
    /// <exception cref="ValidationException">No such campaign, or it is sent or cancelled already.</exception>
    public async Task CancelAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw Invalid(nameof(Campaign.Id), "Campaign_NotFound");
        if (campaign.Status is CampaignStatus.Sent or CampaignStatus.Cancelled) throw Invalid(nameof(Campaign.Status), "Campaign_NotCancellable");
        (campaign.Status, campaign.FinishedAt) = (CampaignStatus.Cancelled, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await db.CampaignSends.Where(s => s.CampaignId == id && s.Status == SendStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SendStatus.Skipped).SetProperty(x => x.SkipReason, SkipReason.Cancelled), ct);
        await transaction.CommitAsync(ct);
        changes.Publish(new CampaignChanged(id));
    }

    /// <summary>Members of a segment to preview for, found by number or name (the first ones without a search).</summary>
    public async Task<IReadOnlyList<CampaignMemberOption>> MembersAsync(int segmentId, string? search, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = from m in db.SegmentMemberships.AsNoTracking()
                    where m.SegmentId == segmentId
                    join c in db.Customers on m.CustomerId equals c.Id
                    where !c.IsErased
                    select c;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var like = LikePattern.Containing(search.Trim());
            query = query.Where(c => EF.Functions.Like(c.CustomerNumber, like, LikePattern.Escape) || EF.Functions.Like(c.FirstName + " " + c.LastName, like, LikePattern.Escape));
        }
        var found = await query.OrderBy(c => c.CustomerNumber).Take(take)
            .Select(c => new { c.Id, c.CustomerNumber, c.FirstName, c.LastName, c.Country }).ToListAsync(ct);
        return [.. found.Select(c => new CampaignMemberOption(c.Id, c.CustomerNumber, $"{c.FirstName} {c.LastName}", CampaignChooser.LanguageOf(c.Country)))];
    }

    /// <summary>The mail this member would get if the campaign went out now — the same choice and words as the sender's.</summary>
    /// <returns>Null when there is no such customer.</returns>
    /// <exception cref="ValidationException">The input is invalid.</exception>
    public async Task<CampaignPreview?> PreviewAsync(CampaignInput input, int customerId, int? campaignId = null, CancellationToken ct = default)
    {
        // Only what the mail says must be valid: a draft without a name yet can be previewed.
        string[] notInTheMail = [nameof(CampaignInput.Name), nameof(CampaignInput.SegmentId), nameof(CampaignInput.HoldoutPercent), nameof(CampaignInput.ConversionWindowDays)];
        var wrong = (await new CampaignInputValidator().ValidateAsync(input, ct)).Errors.Where(e => !notInTheMail.Contains(e.PropertyName)).ToList();
        if (wrong.Count > 0) throw new ValidationException(wrong);
        await using var db = await factory.CreateDbContextAsync(ct);
        if ((await CampaignRunner.PeopleAsync(db, [customerId], ct)).FirstOrDefault() is not { } person) return null;
        var number = await db.Customers.Where(c => c.Id == customerId).Select(c => c.CustomerNumber).FirstAsync(ct);
        var member = person with { Snapshot = await loader.CustomerAsync(customerId, ct) };
        // The sender's own count of the weekly cap, so the preview says what the send will do.
        var mailed = (await CampaignRunner.MailsThisWeekAsync(db, [customerId], campaignId, clock.GetUtcNow().UtcDateTime, ct)).GetValueOrDefault(customerId);
        var option = new CampaignMemberOption(customerId, number, $"{member.FirstName} {member.LastName}", member.Language);
        var choice = CampaignChooser.Choose(member, campaignId ?? 0, 0, mailed, options.Value.MaxMailsPerWeek, offers.DecideForMail);
        if (choice.Offer is not { } offer) return new CampaignPreview(option, null, choice.Skip);
        var texts = Texts(input, member.Language);
        var message = CampaignMail.Render(texts, member, offer, PreviewLinks);
        return new CampaignPreview(option, message, message.Pressure.Count > 0 ? SkipReason.PressureWording : null);
    }

    /// <summary>Sends the member's preview to <paramref name="to"/> (the manager's own address), marked as a test; nothing is recorded.</summary>
    /// <exception cref="ValidationException">No SMTP server, a wrong address, or no mail for this member.</exception>
    /// <exception cref="MailDeliveryException">The server refused it.</exception>
    public async Task<string> SendTestAsync(CampaignInput input, int customerId, string to, int? campaignId = null, CancellationToken ct = default)
    {
        if (!mailer.IsConfigured) throw Invalid("Smtp", "Campaign_NoSmtp");
        if (!CampaignChooser.IsAddress(to)) throw Invalid("To", "Campaign_TestAddress");
        var preview = await PreviewAsync(input, customerId, campaignId, ct);
        if (preview?.Message is not { } message || preview.Skip is not null) throw Invalid("Member", "Campaign_NoMailForMember");
        var test = message with { To = to, Subject = "[Test] " + message.Subject };
        await using var session = await mailer.OpenAsync(ct);
        return await session.SendAsync(test, unsubscribe: null, preview.Member.Language, ct);
    }

    /// <summary>A preview's links lead nowhere: only a real send has signed ones.</summary>
    private static readonly CampaignMailLinks PreviewLinks = new("#preview-link", "#preview-unsubscribe");

    private static CampaignTexts Texts(CampaignInput i, string language) => language == "de"
        ? new(i.SubjectDe.Trim(), i.GreetingDe.Trim(), i.ClosingDe.Trim(), i.FooterDe.Trim())
        : new(i.SubjectEn.Trim(), i.GreetingEn.Trim(), i.ClosingEn.Trim(), i.FooterEn.Trim());

    private static ValidationException Invalid(string property, string key) => new([new ValidationFailure(property, Messages.Text(key))]);
}
