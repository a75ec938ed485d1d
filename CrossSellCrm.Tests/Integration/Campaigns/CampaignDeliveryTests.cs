using System.Net;
using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Campaigns;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Orders;
using CrossSellCrm.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrossSellCrm.Tests.Integration.Campaigns;

/// <summary>
/// A campaign delivered through a real SMTP server (STARTTLS, a sign-in): who gets a mail and who does not, what the mail
/// says and carries, and what its links do — the click forwards, the unsubscribe withdraws consent, a purchase converts.
/// </summary>
public partial class CampaignDeliveryTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private static IEnumerable<MimeMessage> MailsOf(IEnumerable<CampaignSend> sends) =>
        SmtpTestServer.Shared.Received.Where(m => sends.Any(s => s.MessageId == m.MessageId));

    [Fact]
    public async Task EveryConsentingMember_GetsOneMailInTheirLanguage_TheOthersNone_AndEachSendIsRecorded()
    {
        await app.EngineAsync();
        var segment = await app.SegmentAsync("RFM: Loyal customers");
        var id = await app.CreateAsync(segment);
        await app.ScheduleNowAsync(id);
        await app.SentAsync(id);

        var sends = await app.SendsAsync(id);
        await using var db = await app.DbAsync();
        var members = await db.SegmentMemberships.Where(m => m.SegmentId == segment).Select(m => m.CustomerId).ToListAsync();
        Assert.Equal(members.Order(), sends.Select(s => s.CustomerId!.Value).Order());
        var consenting = await db.MarketingConsents.Where(m => m.Channel == ContactChannel.Email && m.Granted && members.Contains(m.CustomerId))
            .Select(m => m.CustomerId).ToListAsync();
        var sent = sends.Where(s => s.Status == SendStatus.Sent).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, s => Assert.Contains(s.CustomerId!.Value, consenting));
        Assert.All(sends.Where(s => !consenting.Contains(s.CustomerId!.Value)), s => Assert.Equal(SkipReason.NoConsent, s.SkipReason));

        var mails = (await SmtpTestServer.Shared.WaitForAsync(1)).Where(m => sent.Any(s => s.MessageId == m.MessageId)).ToList();
        Assert.Equal(sent.Count, mails.Count);
        var customers = await db.Customers.Where(c => members.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        foreach (var s in sent)
        {
            var mail = mails.Single(m => m.MessageId == s.MessageId);
            var customer = customers[s.CustomerId!.Value];
            Assert.Equal(customer.Email, ((MailboxAddress)mail.To.Single()).Address);
            Assert.Equal("offers@shop.example", ((MailboxAddress)mail.From.Single()).Address);
            var language = CampaignChooser.LanguageOf(customer.Country);
            Assert.Equal(language, s.Language);
            Assert.Equal(language, mail.Body!.Headers[HeaderId.ContentLanguage]);
            Assert.Equal(language == "de" ? "Etwas, das zu Ihrem Einkauf passt" : "Something that goes with what you have", mail.Subject);
            Assert.StartsWith(language == "de" ? $"Hallo {customer.FirstName}," : $"Hello {customer.FirstName},", mail.TextBody ?? "");
            Assert.Matches(@"^<http://crm\.test/m/u/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$", mail.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
            // Transparent: the product, its price in euros; no tracking pixel, only links.
            var product = await db.Products.SingleAsync(p => p.Id == s.ProductId);
            Assert.Contains(product.Name, mail.HtmlBody);
            Assert.Contains("€", mail.TextBody);
            Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(CrossSellCrm.Domain.Recommendations.Engine.PressureLint.Find(mail.TextBody ?? "", language));
            // The engine's history knows the offer, on the e-mail channel.
            var offer = await db.OfferPresentations.SingleAsync(o => o.Id == s.OfferPresentationId);
            Assert.Equal((ContactChannel.Email, OfferOutcome.NoAnswer, s.ProductId!.Value), (offer.Channel, offer.Outcome, offer.ProductId));
        }
        Assert.Contains(mails, m => m.Body!.Headers[HeaderId.ContentLanguage] == "de");

        // A second campaign to the same members the same week: the weekly cap holds, nobody gets a second mail.
        var again = await app.CreateAsync(segment, name: "Second one");
        await app.ScheduleNowAsync(again);
        await app.SentAsync(again);
        var second = await app.SendsAsync(again);
        Assert.All(second.Where(s => sent.Any(x => x.CustomerId == s.CustomerId)), s => Assert.Equal(SkipReason.WeeklyCap, s.SkipReason));
        Assert.Empty(MailsOf(second));
    }

    [Fact]
    public async Task TheLinks_ClickForwardsToTheShop_UnsubscribeWithdrawsConsentOnPost_APurchaseConverts()
    {
        await app.EngineAsync();
        var id = await app.CreateAsync(await app.SegmentAsync("RFM: Champions"));
        await app.ScheduleNowAsync(id);
        await app.SentAsync(id);
        var send = (await app.SendsAsync(id)).First(s => s.Status == SendStatus.Sent);
        var mail = (await SmtpTestServer.Shared.WaitForAsync(1)).Single(m => m.MessageId == send.MessageId);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // The click: counted, forwarded to the product's shop page. A changed signature is no link of ours.
        var click = new Uri(ClickLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
        var forwarded = await client.GetAsync(click);
        Assert.Equal(HttpStatusCode.Redirect, forwarded.StatusCode);
        await using (var db = await app.DbAsync())
        {
            var sku = await db.Products.Where(p => p.Id == send.ProductId).Select(p => p.Sku).SingleAsync();
            Assert.Equal($"https://shop.example.com/products/{sku}", forwarded.Headers.Location!.ToString());
            Assert.Equal(1, await db.CampaignSends.Where(s => s.Id == send.Id).Select(s => s.Clicks).SingleAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(click[..^2] + (click[^2] == 'A' ? "BB" : "AA"))).StatusCode);

        // The unsubscribe: a GET (a mail scanner, a preview) asks; the POST — the button, or the mail program's one click — withdraws.
        var unsubscribe = new Uri(mail.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var ask = await client.GetAsync(unsubscribe);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("data-testid=\"unsubscribe\"", await ask.Content.ReadAsStringAsync());
        Assert.True(await EmailConsentAsync(send.CustomerId!.Value));
        var done = await client.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("data-testid=\"unsubscribed\"", await done.Content.ReadAsStringAsync());
        Assert.False(await EmailConsentAsync(send.CustomerId!.Value));
        await using (var db = await app.DbAsync())
        {
            var change = await db.ConsentChanges.Where(c => c.CustomerId == send.CustomerId).OrderByDescending(c => c.Id).FirstAsync();
            Assert.Equal((ContactChannel.Email, false, ConsentSource.UnsubscribeLink, CampaignTracking.UnsubscribeRecorder),
                (change.Channel, change.Granted, change.Source, change.RecordedBy));
            Assert.NotNull(await db.CampaignSends.Where(s => s.Id == send.Id).Select(s => s.UnsubscribedAt).SingleAsync());
        }

        // A purchase of the offered product within the window: the campaign's conversion, and an accepted offer for the engine.
        await using (var db = await app.DbAsync())
        {
            var product = await db.Products.SingleAsync(p => p.Id == send.ProductId);
            var order = new Order
            {
                OrderNumber = "CONV-1", CustomerId = send.CustomerId!.Value, OrderedAt = DateTime.UtcNow, Channel = SalesChannel.Online,
                Lines = [new OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = product.Price, UnitCost = product.UnitCost }],
            };
            order.RecalculateTotals();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }
        Assert.True(await app.InScopeAsync(sp => sp.GetRequiredService<CampaignRunner>().AttributeConversionsAsync()) >= 1);
        await using (var db = await app.DbAsync())
        {
            var converted = await db.CampaignSends.SingleAsync(s => s.Id == send.Id);
            Assert.NotNull(converted.ConvertedAt);
            var offer = await db.OfferPresentations.SingleAsync(o => o.Id == send.OfferPresentationId);
            Assert.Equal(OfferOutcome.Accepted, offer.Outcome);
            Assert.Equal(converted.ConvertedOrderId, offer.OrderId);
        }
        var view = (await app.InScopeAsync(sp => sp.GetRequiredService<CampaignService>().ViewAsync(id, "en")))!;
        Assert.True(view.Results.Total.Converted >= 1);
        Assert.True(view.Results.Total.Revenue > 0);
        Assert.Equal(1, view.Results.Total.Unsubscribed);
        Assert.True(view.Results.Total.Clicked >= 1);
    }

    [Fact]
    public async Task AHoldout_GetsNoMail_AndIsComparedWithTheMailedMembers()
    {
        await app.EngineAsync();
        var id = await app.CreateAsync(await app.SegmentAsync("RFM: Hibernating"), holdoutPercent: 50);
        await app.ScheduleNowAsync(id);
        await app.SentAsync(id);
        var sends = await app.SendsAsync(id);
        var held = sends.Where(s => s.Status == SendStatus.Held).ToList();
        Assert.NotEmpty(held);
        Assert.All(held, s => Assert.Equal(CampaignArm.Holdout, s.Arm));
        Assert.All(held, s => Assert.NotNull(s.ProductId)); // what they would have been offered: the comparison needs it
        Assert.DoesNotContain(SmtpTestServer.Shared.Received, m => held.Any(h => h.MessageId == m.MessageId) || m.MessageId is null);
        var view = (await app.InScopeAsync(sp => sp.GetRequiredService<CampaignService>().ViewAsync(id, "en")))!;
        Assert.Equal(held.Count, view.Results.Total.Held);
        Assert.NotNull(view.Results.AgainstHoldout);
    }

    private async Task<bool> EmailConsentAsync(int customerId)
    {
        await using var db = await app.DbAsync();
        return await db.MarketingConsents.AnyAsync(m => m.CustomerId == customerId && m.Channel == ContactChannel.Email && m.Granted);
    }

    [GeneratedRegex(@"http://crm\.test/m/c/[A-Za-z0-9_.-]+")]
    private static partial Regex ClickLink();
}
