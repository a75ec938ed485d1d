using CrossSellCrm.Domain.Localization;
using System.Text.RegularExpressions;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Segmentation;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

public sealed record VocabularyEntry(int Id, TagKind Kind, string Code, string NameEn, string NameDe, int Customers);

/// <summary>
/// The managed vocabulary of lifestyles, interests and values: managers add, rename and merge words;
/// a merge moves every customer and every segment rule from one word to the other, in one transaction.
/// </summary>
public sealed partial class TagVocabulary(IDbContextFactory<CrmDbContext> factory)
{
    public async Task<IReadOnlyList<VocabularyEntry>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tags = await db.Tags.AsNoTracking().ToListAsync(ct);
        var used = await db.Set<CustomerTag>().GroupBy(t => t.TagId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var lifestyles = await db.Customers.Where(c => c.LifestyleTagId != null).GroupBy(c => c.LifestyleTagId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return tags.Select(t => new VocabularyEntry(t.Id, t.Kind, t.Code, t.NameEn, t.NameDe, used.GetValueOrDefault(t.Id) + lifestyles.GetValueOrDefault(t.Id)))
            .OrderBy(t => t.Kind).ThenBy(t => t.NameEn, StringComparer.Ordinal).ToList();
    }

    /// <exception cref="ValidationException">Code not a slug, already used, or names missing.</exception>
    public async Task<int> AddAsync(TagKind kind, string code, string nameEn, string nameDe, CancellationToken ct = default)
    {
        var failures = Names(nameEn, nameDe);
        if (!Slug().IsMatch(code ?? "")) failures.Add(new("Code", Messages.Text("Voc_CodeFormat")));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Tags.AnyAsync(t => t.Kind == kind && t.Code == code, ct)) failures.Add(new("Code", Messages.Text("Voc_CodeTaken")));
        if (failures.Count > 0) throw new ValidationException(failures);
        var tag = new Tag { Kind = kind, Code = code!, NameEn = nameEn.Trim(), NameDe = nameDe.Trim() };
        db.Tags.Add(tag);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Added by someone else at the same moment: the unique index decided.
            if (await TakenAsync(kind, code!, ct)) throw new ValidationException([new ValidationFailure("Code", Messages.Text("Voc_CodeTaken"))]);
            throw;
        }
        return tag.Id;
    }

    public async Task RenameAsync(int id, string nameEn, string nameDe, CancellationToken ct = default)
    {
        var failures = Names(nameEn, nameDe);
        if (failures.Count > 0) throw new ValidationException(failures);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new ValidationException([new ValidationFailure("Id", Messages.Text("Voc_NoSuchWord"))]);
        (tag.NameEn, tag.NameDe) = (nameEn.Trim(), nameDe.Trim());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Moves every use of <paramref name="fromId"/> to <paramref name="intoId"/> (same kind) and removes it.</summary>
    /// <returns>How many customers were moved.</returns>
    public async Task<int> MergeAsync(int fromId, int intoId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var from = await db.Tags.FirstOrDefaultAsync(t => t.Id == fromId, ct);
        var into = await db.Tags.FirstOrDefaultAsync(t => t.Id == intoId, ct);
        if (from is null || into is null || fromId == intoId || from.Kind != into.Kind)
            throw new ValidationException([new ValidationFailure("Into", Messages.Text("Voc_MergeSameKind"))]);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var links = db.Set<CustomerTag>();
        var already = await links.Where(l => l.TagId == intoId).Select(l => l.CustomerId).ToListAsync(ct);
        var moving = await links.Where(l => l.TagId == fromId).Select(l => l.CustomerId).ToListAsync(ct);
        await links.Where(l => l.TagId == fromId).ExecuteDeleteAsync(ct);
        links.AddRange(moving.Except(already).Select(c => new CustomerTag { CustomerId = c, TagId = intoId }));
        var lifestyles = await db.Customers.Where(c => c.LifestyleTagId == fromId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LifestyleTagId, intoId), ct);
        // Segment rules name words by code: they follow the merge.
        var field = from.Kind switch { TagKind.Lifestyle => "lifestyle", TagKind.Interest => "interest", _ => "value" };
        foreach (var segment in await db.Segments.Where(s => s.RuleDefinition.Contains(from.Code)).ToListAsync(ct))
            if (RuleNode.Parse(segment.RuleDefinition) is { } rule && Replace(rule, field, from.Code, into.Code))
                segment.RuleDefinition = rule.ToJson();
        db.Tags.Remove(from);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return moving.Count + lifestyles;
    }

    private static bool Replace(RuleNode node, string field, string from, string into)
    {
        var changed = false;
        foreach (var child in node.Rules) changed |= Replace(child, field, from, into);
        if (node.Field == field && node.Values.Contains(from))
        {
            node.Values = node.Values.Select(v => v == from ? into : v).Distinct().ToList();
            changed = true;
        }
        return changed;
    }

    public const int MaxName = 60;

    private async Task<bool> TakenAsync(TagKind kind, string code, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tags.AnyAsync(t => t.Kind == kind && t.Code == code, ct);
    }

    private static List<ValidationFailure> Names(string? en, string? de)
    {
        var failures = new List<ValidationFailure>();
        if (string.IsNullOrWhiteSpace(en) || en.Length > MaxName) failures.Add(new("NameEn", Messages.Text("Voc_NameEnRequired", MaxName)));
        if (string.IsNullOrWhiteSpace(de) || de.Length > MaxName) failures.Add(new("NameDe", Messages.Text("Voc_NameDeRequired", MaxName)));
        return failures;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")] private static partial Regex Slug();
}
