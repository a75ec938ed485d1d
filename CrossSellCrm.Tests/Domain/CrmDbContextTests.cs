using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Catalog;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Domain;

public class CrmDbContextTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static Customer NewCustomer(string number) => new()
    {
        CustomerNumber = number, FirstName = "Jürgen", LastName = "Weiß", Country = "DE", City = "München", CreatedAt = DateTime.UtcNow,
    };

    [Fact]
    public async Task SaveChanges_NewCustomer_WritesAuditEntryWithTheNewKeyAndTheUser()
    {
        await using (var db = database.Create("lena"))
        {
            db.Customers.Add(NewCustomer("T-AUDIT-1"));
            await db.SaveChangesAsync();
        }
        await using var check = database.Create();
        var customer = await check.Customers.SingleAsync(c => c.CustomerNumber == "T-AUDIT-1");
        var entry = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(Customer) && a.EntityId == customer.Id.ToString());
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Equal("lena", entry.UserName);
        Assert.NotEqual(Guid.Empty, customer.Version);
    }

    [Fact]
    public async Task SaveChanges_ChangedCustomer_AuditsOldAndNewValues()
    {
        int id;
        await using (var db = database.Create())
        {
            var c = NewCustomer("T-AUDIT-2");
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            id = c.Id;
            c.City = "Köln";
            await db.SaveChangesAsync();
        }
        await using var check = database.Create();
        var update = await check.AuditEntries.SingleAsync(a => a.EntityId == id.ToString() && a.EntityType == nameof(Customer) && a.Action == AuditAction.Updated);
        Assert.Contains("\"City\":[\"M\\u00FCnchen\",\"K\\u00F6ln\"]", update.Changes);
    }

    [Fact]
    public async Task SaveChanges_TwoPeopleEditTheSameCustomer_SecondSaveIsRefused()
    {
        int id;
        await using (var db = database.Create())
        {
            var c = NewCustomer("T-CONC-1");
            db.Customers.Add(c);
            await db.SaveChangesAsync();
            id = c.Id;
        }
        await using var first = database.Create("lena");
        await using var second = database.Create("jonas");
        var a = await first.Customers.SingleAsync(c => c.Id == id);
        var b = await second.Customers.SingleAsync(c => c.Id == id);
        a.Phone = "+49 30 1111111";
        await first.SaveChangesAsync();
        b.Phone = "+49 30 2222222";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.Create();
        Assert.Equal("+49 30 1111111", (await check.Customers.SingleAsync(c => c.Id == id)).Phone);
    }

    [Fact]
    public async Task SaveChanges_FailedInsert_LeavesNoAuditEntryBehind()
    {
        await using var db = database.Create();
        db.Customers.Add(NewCustomer("T-DUP"));
        await db.SaveChangesAsync();
        var before = await db.AuditEntries.CountAsync();

        await using var other = database.Create();
        other.Customers.Add(NewCustomer("T-DUP")); // unique customer number
        await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        await using var check = database.Create();
        Assert.Equal(before, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Migrations_ProductWithCompatibilityTags_RoundTrips()
    {
        await using (var db = database.Create())
        {
            var category = new Category { Code = "t-cases", NameEn = "Cases", NameDe = "Hüllen" };
            db.Categories.Add(category);
            db.Products.Add(new Product
            {
                Sku = "T-CASE", Name = "Case", Brand = "Pela", Category = category, Price = 45.5m, UnitCost = 14m,
                BenefitEn = "Compostable", BenefitDe = "Kompostierbar", CompatibilityTags = ["fits:pixel-9", "eco"],
            });
            await db.SaveChangesAsync();
        }
        await using var check = database.Create();
        var p = await check.Products.SingleAsync(x => x.Sku == "T-CASE");
        Assert.Equal(["fits:pixel-9", "eco"], p.CompatibilityTags);
        Assert.Equal(45.5m, p.Price);
        Assert.Equal(31.5m, p.Margin);
    }

    [Fact]
    public void Model_SqliteAndPostgresMigrations_MatchTheModel()
    {
        using var sqlite = database.Create();
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite migrations are behind the model: add a migration.");
        using var postgres = new PostgresCrmDbContext(new DbContextOptionsBuilder<PostgresCrmDbContext>()
            .UseNpgsql("Host=localhost;Database=model-check").Options);
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL migrations are behind the model: add a migration.");
    }
}
