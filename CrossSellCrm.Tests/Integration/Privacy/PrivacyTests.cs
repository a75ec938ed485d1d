using System.IO.Compression;
using System.Text.Json;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Privacy;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration.Privacy;

/// <summary>A customer's rights on the real app: everything held as one download, consent with its history, and erasure.</summary>
public class PrivacyTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private async Task<Customer> CustomerWithOrdersAsync(int skip)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        return await db.Customers.AsNoTracking().Where(c => !c.IsErased && c.Email != null && c.Phone != null && c.PostalCode != null
                && db.Orders.Count(o => o.CustomerId == c.Id) >= 2 && db.OfferPresentations.Any(o => o.CustomerId == c.Id) && db.SegmentMemberships.Any(m => m.CustomerId == c.Id))
            .OrderBy(c => c.Id).Skip(skip).FirstAsync();
    }

    [Fact]
    public async Task Export_HoldsProfileOrdersOffersAndConsent_AsJsonAndCsvs_AndIsLogged()
    {
        var customer = await CustomerWithOrdersAsync(0);
        await using var scope = app.Services.CreateAsyncScope();
        var privacy = scope.ServiceProvider.GetRequiredService<PrivacyService>();
        await privacy.SetConsentAsync(new ConsentInput(customer.Id, ContactChannel.Sms, true, ConsentSource.Request), "mara.schulz@crm.example");
        using var zip = new MemoryStream();
        await privacy.WriteExportAsync(customer.Id, "mara.schulz@crm.example", zip);

        zip.Position = 0;
        using var archive = new ZipArchive(zip);
        Assert.Equal(["consent-history.csv", "customer.csv", "customer.json", "offers.csv", "orders.csv"], archive.Entries.Select(e => e.Name).Order());
        using var json = await JsonDocument.ParseAsync(archive.GetEntry("customer.json")!.Open());
        var root = json.RootElement;
        Assert.Equal(customer.Email, root.GetProperty("Profile").GetProperty("Email").GetString());
        Assert.Equal(customer.LastName, root.GetProperty("Profile").GetProperty("LastName").GetString());
        await using var db = await app.DbFactory.CreateDbContextAsync();
        Assert.Equal(await db.Orders.CountAsync(o => o.CustomerId == customer.Id), root.GetProperty("Orders").GetArrayLength());
        Assert.Equal(await db.OfferPresentations.CountAsync(o => o.CustomerId == customer.Id), root.GetProperty("Offers").GetArrayLength());
        Assert.Contains(root.GetProperty("ConsentHistory").EnumerateArray(), h => h.GetProperty("Channel").GetString() == "Sms" && h.GetProperty("Source").GetString() == "Request");
        Assert.NotEmpty(root.GetProperty("Segments").EnumerateArray());
        using var orders = new StreamReader(archive.GetEntry("orders.csv")!.Open());
        Assert.StartsWith(string.Join(",", DataExport.OrderColumns), (await orders.ReadLineAsync())!.TrimStart('\uFEFF'));

        var logged = await db.PrivacyRequests.Where(r => r.CustomerId == customer.Id).ToListAsync();
        Assert.Contains(logged, r => r.Kind == PrivacyRequestKind.Export && r.UserName == "mara.schulz@crm.example");
    }

    [Fact]
    public async Task ConsentWithdrawn_TheNextDecisionOffersNothingOnThatChannel_AndTheHistoryKeepsBoth()
    {
        var customer = await CustomerWithOrdersAsync(1);
        await using var scope = app.Services.CreateAsyncScope();
        var privacy = scope.ServiceProvider.GetRequiredService<PrivacyService>();
        var loader = scope.ServiceProvider.GetRequiredService<EngineIndexLoader>();
        await privacy.SetConsentAsync(new ConsentInput(customer.Id, ContactChannel.Email, true, ConsentSource.Form), "admin@crm.example");
        Assert.Contains(ContactChannel.Email, (await loader.CustomerAsync(customer.Id))!.ConsentedChannels);
        await privacy.SetConsentAsync(new ConsentInput(customer.Id, ContactChannel.Email, false, ConsentSource.Request), "admin@crm.example");
        Assert.DoesNotContain(ContactChannel.Email, (await loader.CustomerAsync(customer.Id))!.ConsentedChannels);
        var engine = await app.EngineAsync();
        var decision = engine.Decide((await loader.CustomerAsync(customer.Id))!, ContactChannel.Email, DateTime.UtcNow);
        Assert.Equal(StopReason.NoConsent, decision.Stop);

        var panel = (await privacy.PanelAsync(customer.Id))!;
        Assert.False(panel.Consents[ContactChannel.Email]);
        var email = panel.History.Where(h => h.Channel == ContactChannel.Email).ToList();
        Assert.Equal([(false, ConsentSource.Request), (true, ConsentSource.Form)], email.Take(2).Select(h => (h.Granted, h.Source)));
    }

    [Fact]
    public async Task Erase_WrongNumber_ChangesNothing_RightNumber_LeavesNoPersonalDataAnywhere_AndTheKpisUnchanged()
    {
        var customer = await CustomerWithOrdersAsync(2);
        await using var scope = app.Services.CreateAsyncScope();
        var privacy = scope.ServiceProvider.GetRequiredService<PrivacyService>();
        var search = scope.ServiceProvider.GetRequiredService<CustomerSearch>();
        await scope.ServiceProvider.GetRequiredService<CrossSellCrm.Domain.Recommendations.CallNoteBook>().SaveAsync(customer.Id, null, null, $"Spoke with {customer.FirstName}, call back on {customer.Phone}");
        decimal revenue;
        int orders;
        await using (var db = await app.DbFactory.CreateDbContextAsync())
            (revenue, orders) = ((await db.Orders.Select(o => o.NetRevenue).ToListAsync()).Sum(), await db.Orders.CountAsync(o => o.CustomerId == customer.Id));
        Assert.NotEmpty(await search.FindAsync(customer.LastName, null));

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => privacy.EraseAsync(new ErasureInput(customer.Id, "C9999999", "Art. 17 request of 2026-11-30"), "admin@crm.example"));
        Assert.Contains(customer.CustomerNumber, wrong.Message);
        await Assert.ThrowsAsync<ValidationException>(() => privacy.EraseAsync(new ErasureInput(customer.Id, customer.CustomerNumber, " "), "admin@crm.example"));
        await using (var db = await app.DbFactory.CreateDbContextAsync())
            Assert.False((await db.Customers.SingleAsync(c => c.Id == customer.Id)).IsErased);

        var pseudonym = await privacy.EraseAsync(new ErasureInput(customer.Id, customer.CustomerNumber.ToLowerInvariant(), "Art. 17 request of 2026-11-30"), "admin@crm.example");
        Assert.StartsWith("X", pseudonym);

        // No personal value is left in any text column of any table.
        var personal = new[] { customer.FirstName + " " + customer.LastName, customer.LastName, customer.Email!, customer.Phone!, customer.PhoneDigits!, customer.CustomerNumber }
            .Where(v => v.Length >= 4).ToList();
        var found = await FindEverywhereAsync(personal);
        Assert.True(found.Count == 0, "still in the database: " + string.Join("; ", found));

        await using (var db = await app.DbFactory.CreateDbContextAsync())
        {
            var erased = await db.Customers.Include(c => c.Tags).SingleAsync(c => c.Id == customer.Id);
            Assert.Equal((true, pseudonym, "", null, null, null), (erased.IsErased, erased.CustomerNumber, erased.FirstName + erased.LastName, erased.Email, erased.BirthDate, erased.PostalCode));
            Assert.Equal(customer.BirthDate is null ? null : PrivacyService.AgeBand(Customer.AgeOn(customer.BirthDate.Value, DateOnly.FromDateTime(DateTime.UtcNow))), erased.AgeBand);
            Assert.Empty(erased.Tags);
            Assert.Equal(orders, await db.Orders.CountAsync(o => o.CustomerId == customer.Id)); // the orders stay …
            Assert.Equal(revenue, (await db.Orders.Select(o => o.NetRevenue).ToListAsync()).Sum()); // … so revenue does not change
            Assert.False(await db.SegmentMemberships.AnyAsync(m => m.CustomerId == customer.Id));
            var request = await db.PrivacyRequests.SingleAsync(r => r.CustomerId == customer.Id && r.Kind == PrivacyRequestKind.Erasure);
            Assert.Equal(("admin@crm.example", "Art. 17 request of 2026-11-30", pseudonym), (request.UserName, request.Reason, request.CustomerNumber));
            Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "Customer" && a.EntityId == customer.Id.ToString()).ToListAsync(), a => a.Changes!.Contains("Art. 17"));
        }
        Assert.Empty(await search.FindAsync(customer.LastName, null));
        Assert.Empty(await search.FindAsync(pseudonym, null));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<EngineIndexLoader>().CustomerAsync(customer.Id)); // no offers
        Assert.Null(await scope.ServiceProvider.GetRequiredService<CustomerEditor>().LoadAsync(customer.Id));
        var all = new StringWriter();
        await scope.ServiceProvider.GetRequiredService<DataExport>().WriteCustomersAsync(all, new CustomerExportFilter(), CsvFormat.English);
        Assert.DoesNotContain(pseudonym, all.ToString());
        await Assert.ThrowsAsync<ValidationException>(() => privacy.EraseAsync(new ErasureInput(customer.Id, pseudonym, "again"), "admin@crm.example"));
    }

    /// <summary>Every text column of every table, searched for each value (SQLite: the schema says which columns there are).</summary>
    private async Task<List<string>> FindEverywhereAsync(IReadOnlyList<string> values)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var command = new SqliteCommand($"SELECT name, type FROM pragma_table_info('{table}')", connection))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) if (reader.GetString(1).Contains("TEXT", StringComparison.OrdinalIgnoreCase)) columns.Add(reader.GetString(0));
            foreach (var column in columns)
                foreach (var value in values)
                {
                    await using var command = new SqliteCommand($"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(\"{column}\"), lower($v)) > 0", connection);
                    command.Parameters.AddWithValue("$v", value);
                    if ((long)(await command.ExecuteScalarAsync())! > 0) found.Add($"{table}.{column} holds \"{value}\"");
                }
        }
        return found;
    }
}
