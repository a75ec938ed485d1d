using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Kpis;
using CrossSellCrm.Domain.Segmentation;
using CrossSellCrm.Tests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using static CrossSellCrm.Domain.Segmentation.RuleNode;

namespace CrossSellCrm.Tests.Integration;

public class TagVocabularyTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private TagVocabulary Words => new(app.DbFactory);

    [Fact]
    public async Task AddRenameMerge_MovesCustomersAndSegmentRules()
    {
        var into = await Words.AddAsync(TagKind.Interest, "fotografie", "Photo (old)", "Fotografie (alt)");
        await Words.RenameAsync(into, "Photo & film", "Foto & Film");
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var photography = await db.Tags.SingleAsync(t => t.Kind == TagKind.Interest && t.Code == "photography");
        var customers = await db.Set<CustomerTag>().CountAsync(t => t.TagId == photography.Id);
        var segmentId = await new SegmentBuilder(app.DbFactory, TimeProvider.System, new KpiCubeStore(), new CrossSellCrm.Domain.Changes.ChangeHub())
            .SaveAsync(new SegmentInput { Name = "Fotofreunde", Rule = Group(RuleMatch.And, Condition("interest", RuleOperator.HasTag, "photography", "travel")) }, null);

        var moved = await Words.MergeAsync(photography.Id, into);

        Assert.Equal(customers, moved);
        Assert.Equal(customers, await db.Set<CustomerTag>().CountAsync(t => t.TagId == into));
        Assert.False(await db.Tags.AnyAsync(t => t.Id == photography.Id));
        var rule = RuleNode.Parse((await db.Segments.SingleAsync(s => s.Id == segmentId)).RuleDefinition)!;
        Assert.Equal(["fotografie", "travel"], rule.Rules[0].Values);
        var entry = (await Words.ListAsync()).Single(e => e.Id == into);
        Assert.Equal(("Photo & film", "Foto & Film", customers), (entry.NameEn, entry.NameDe, entry.Customers));
    }

    [Fact]
    public async Task Add_BadOrDuplicateCode_AndMergeAcrossKinds_AreRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Words.AddAsync(TagKind.Value, "Nachhaltig Keit", "x", "y"));
        Assert.Contains(error.Errors, e => e.PropertyName == "Code");
        error = await Assert.ThrowsAsync<ValidationException>(() => Words.AddAsync(TagKind.Value, "sustainability", "x", "y"));
        Assert.Contains(error.Errors, e => e.ErrorMessage == "This code is already in the vocabulary.");
        await using var db = await app.DbFactory.CreateDbContextAsync();
        var value = await db.Tags.FirstAsync(t => t.Kind == TagKind.Value);
        var interest = await db.Tags.FirstAsync(t => t.Kind == TagKind.Interest);
        await Assert.ThrowsAsync<ValidationException>(() => Words.MergeAsync(value.Id, interest.Id));
    }
}
