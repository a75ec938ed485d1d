using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CrossSellCrm.Tests.Domain;

public class MigrationTests
{
    [Fact]
    public async Task OrderTotals_ExistingOrders_AreBackfilledFromTheirLines()
    {
        var path = TempSqlite.NewPath("crm-mig");
        try
        {
            await using var db = new CrmDbContext(new DbContextOptionsBuilder<CrmDbContext>().UseSqlite($"Data Source={path}").Options);
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            await migrator.MigrateAsync(all.Single(m => m.EndsWith("_Initial")));
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Customers" ("Id","CustomerNumber","FirstName","LastName","Country","Gender","IncomeBand","Education","CreatedAt","Version",
                    "Behaviour_BrandLoyalty","Behaviour_CategoryBreadth","Behaviour_Frequency","Behaviour_FrequencyScore","Behaviour_Monetary","Behaviour_MonetaryScore","Behaviour_RecencyScore")
                    VALUES (1,'C1','Anna','Müller','DE',0,0,0,'2026-01-01 00:00:00','00000000-0000-0000-0000-000000000000',0,0,0,0,0,0,0);
                INSERT INTO "Categories" ("Id","Code","NameEn","NameDe","World","BusinessPriority") VALUES (1,'x','X','X',0,1);
                INSERT INTO "Products" ("Id","Sku","Name","Brand","CategoryId","Kind","Price","UnitCost","IsActive","IsRepeatable","BenefitEn","BenefitDe","CompatibilityTags","BusinessPriority","Version")
                    VALUES (1,'P1','P','B',1,0,100,60,1,0,'b','b','[]',1,'00000000-0000-0000-0000-000000000000');
                INSERT INTO "Orders" ("Id","OrderNumber","CustomerId","OrderedAt","Channel") VALUES (1,'O1',1,'2026-02-01 10:00:00',0);
                INSERT INTO "OrderLines" ("OrderId","ProductId","Quantity","UnitPrice","Discount","UnitCost") VALUES (1,1,2,100,10,60), (1,1,-1,100,0,60);
                """);

            await migrator.MigrateAsync();

            var order = await db.Orders.AsNoTracking().SingleAsync();
            Assert.Equal(90m, order.NetRevenue);   // 2×100 − 10 − 100
            Assert.Equal(30m, order.Margin);       // 190 − 120 − (100 − 60)
            Assert.Equal(2, order.LineCount);
        }
        finally
        {
            TempSqlite.Delete(path);
        }
    }
}
