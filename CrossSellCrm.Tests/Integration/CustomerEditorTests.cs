using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Tests.Integration;

public class CustomerEditorTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private CustomerEditor Editor => new(app.DbFactory, TimeProvider.System);

    [Fact]
    public async Task Save_GermanTextAndTags_StoredAuditedAndFoundBySearch()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var id = await db.Customers.OrderBy(c => c.Id).Skip(11).Select(c => c.Id).FirstAsync();
        var input = (await Editor.LoadAsync(id))!;
        var audits = await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Customer) && a.EntityId == id.ToString());
        (input.FirstName, input.LastName, input.City, input.Country, input.PostalCode) = ("Jürgen", "Weißgärber", "Düsseldorf", "DE", "40213");
        input.Interests = ["photography"];
        input.Lifestyle = "student";
        await Editor.SaveAsync(input);

        var saved = await db.Customers.AsNoTracking().Include(c => c.Tags).Include(c => c.Lifestyle).SingleAsync(c => c.Id == id);
        Assert.Equal(("Weißgärber", "Düsseldorf", "student"), (saved.LastName, saved.City, saved.Lifestyle!.Code));
        Assert.Equal(["photography"], saved.Tags.Where(t => t.Kind == TagKind.Interest).Select(t => t.Code));
        Assert.Equal(audits + 1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Customer) && a.EntityId == id.ToString()));
        Assert.Contains(await new CustomerSearch(app.DbFactory).FindAsync("juergen weissgaerber", null), m => m.Id == id);
    }

    [Fact]
    public async Task Save_OverSomeoneElsesNewerEdit_IsRefusedAndNothingIsLost()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var id = await db.Customers.OrderBy(c => c.Id).Skip(12).Select(c => c.Id).FirstAsync();
        var mine = (await Editor.LoadAsync(id))!;
        var theirs = (await Editor.LoadAsync(id))!;
        theirs.City = "Leipzig";
        await Editor.SaveAsync(theirs);
        mine.City = "Dresden";
        var error = await Assert.ThrowsAsync<ValidationException>(() => Editor.SaveAsync(mine));
        Assert.Contains(error.Errors, e => e.ErrorMessage.StartsWith("Someone else changed this customer", StringComparison.Ordinal));
        Assert.Equal("Leipzig", await db.Customers.Where(c => c.Id == id).Select(c => c.City).SingleAsync());
    }

    [Fact]
    public async Task Save_TagOutsideTheVocabulary_IsRefused()
    {
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var input = (await Editor.LoadAsync(await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()))!;
        input.Values = ["world-peace"];
        var error = await Assert.ThrowsAsync<ValidationException>(() => Editor.SaveAsync(input));
        Assert.Contains(error.Errors, e => e.ErrorMessage == "“world-peace” is not in the vocabulary.");
    }
}
