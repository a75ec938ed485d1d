using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

/// <summary>Search as you type on the demo database, through the same SQL the call cockpit uses.</summary>
public class CustomerSearchIntegrationTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private CustomerSearch Search => new(app.DbFactory);

    private async Task<Customer> AnyCustomerAsync(Func<IQueryable<Customer>, IQueryable<Customer>>? filter = null)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        return await (filter ?? (q => q))(db.Customers.AsNoTracking()).OrderBy(c => c.Id).FirstAsync(c => c.Phone != null && c.Email != null);
    }

    [Fact]
    public async Task Find_ByPartsOfTheName_NumberEmailCityOrPhoneInAnyFormatting()
    {
        var c = await AnyCustomerAsync();
        var queries = new[]
        {
            $"{c.FirstName[..3]} {c.LastName[..4]}", c.CustomerNumber, c.CustomerNumber.ToLowerInvariant(), c.Email!,
            $"{c.LastName} {c.City}", c.Phone!, string.Join("-", c.PhoneDigits!.Chunk(3).Select(x => new string(x))),
        };
        foreach (var query in queries)
            Assert.True((await Search.FindAsync(query, null, take: 50)).Any(m => m.Id == c.Id), $"'{query}' should find {c.FullName}");
    }

    [Fact]
    public async Task Find_ExactNumber_IsFirst()
    {
        var c = await AnyCustomerAsync();
        Assert.Equal(c.Id, (await Search.FindAsync(c.CustomerNumber, null)).First().Id);
    }

    [Fact]
    public async Task Find_GermanName_AlsoWithoutUmlauts()
    {
        var c = await AnyCustomerAsync(q => q.Where(x => x.LastName.Contains("ü") || x.LastName.Contains("ö") || x.LastName.Contains("ä")));
        var spelled = c.LastName.ToLowerInvariant().Replace("ü", "ue").Replace("ö", "oe").Replace("ä", "ae");
        var plain = c.LastName.ToLowerInvariant().Replace("ü", "u").Replace("ö", "o").Replace("ä", "a");
        foreach (var query in new[] { $"{c.FirstName} {c.LastName}", $"{c.FirstName} {spelled}", $"{c.FirstName} {plain}", c.LastName.ToUpperInvariant() })
            Assert.True((await Search.FindAsync(query, null, take: 50)).Any(m => m.Id == c.Id), $"'{query}' should find {c.FullName}");
    }

    [Fact]
    public async Task Find_OwnCustomersFirst_AtMostTake_AndNothingForNonsenseOrWildcards()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var own = await db.Customers.Where(c => c.AssignedRepId != null).OrderBy(c => c.Id).FirstAsync();
        var common = own.FirstName[..2];
        var hits = await Search.FindAsync(common, own.AssignedRepId, take: 8);
        Assert.InRange(hits.Count, 1, 8);
        var firstOther = hits.ToList().FindIndex(h => !h.IsOwnCustomer);
        Assert.True(firstOther == -1 || hits.Skip(firstOther).All(h => !h.IsOwnCustomer || !h.Name.StartsWith(common, StringComparison.OrdinalIgnoreCase)));
        Assert.Empty(await Search.FindAsync("zzqxq", null));
        Assert.Empty(await Search.FindAsync("%", null));
        Assert.Empty(await Search.FindAsync("_", null));
    }

    [Fact]
    public async Task SearchText_IsStoredForEveryCustomer_FollowsAnEdit_AndOldRowsAreFilledByTheMigrator()
    {
        _ = app.DbFactory; // starts the app: migrated and seeded
        await using var db = new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={app.DatabasePath}").Options);
        Assert.Equal(0, await db.Customers.CountAsync(c => EF.Property<string>(c, "SearchText") == ""));
        var expected = await db.Customers.Where(c => c.Id <= 20).Select(c => EF.Property<string>(c, "SearchText")).ToListAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE Customers SET SearchText = '' WHERE Id <= 20");
        await new DatabaseMigrator(app.DbFactory).MigrateAsync();
        Assert.Equal(expected, await db.Customers.Where(c => c.Id <= 20).Select(c => EF.Property<string>(c, "SearchText")).ToListAsync());

        var c = await db.Customers.OrderBy(x => x.Id).Skip(3).FirstAsync();
        c.LastName = "Zwölfer-Quast";
        await db.SaveChangesAsync();
        Assert.Contains(await Search.FindAsync("zwoelfer quast", null), m => m.Id == c.Id);
    }
}
