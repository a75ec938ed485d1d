using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Domain;

public class DemoDataSeederTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task SeedAsync_EmptyDatabase_WritesEverythingTheGeneratorMade_ThenRefusesASecondRun()
    {
        var seeder = new DemoDataSeeder(database.Factory);
        var options = new DemoDataOptions { Customers = 200, OrderLines = 2_000, AsOf = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };
        var expected = new DemoDataGenerator(options).Generate();

        var result = await seeder.SeedAsync(options);

        await using var db = database.Create();
        Assert.Equal(200, await db.Customers.CountAsync());
        Assert.Equal(expected.OrderLines.Count, await db.OrderLines.CountAsync());
        Assert.Equal(expected.Offers.Count, await db.OfferPresentations.CountAsync());
        Assert.Equal(expected.Memberships.Count, await db.SegmentMemberships.CountAsync());
        Assert.Equal(result.OrderLines, expected.OrderLines.Count);
        var first = await db.Customers.Include(c => c.Tags).Include(c => c.Lifestyle).FirstAsync(c => c.Id == 1);
        Assert.Equal(expected.Customers[0].LastName, first.LastName);
        Assert.NotNull(first.Lifestyle);
        Assert.Equal(expected.Customers[0].Behaviour.Frequency, first.Behaviour.Frequency);
        Assert.Equal(6, await db.UserRoles.CountAsync(r => r.RoleId == "role-sales"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(options));
    }
}
