using FluentValidation;

namespace CrossSellCrm.Domain.Recommendations.Evaluation;

/// <summary>What `evaluate --input` is asked for: the file's shape, its columns, and the evaluation itself.</summary>
public sealed record FileEvaluationOptions
{
    /// <summary>transactions: CSV with a header, a line per purchase; baskets: one basket a line, items comma-separated, no header.</summary>
    public string Format { get; init; } = "transactions";
    public string ItemColumn { get; init; } = "Item";
    public string? TransactionColumn { get; init; }
    public string? CustomerColumn { get; init; }
    /// <summary>One column, or several separated by commas (a date and a time column), joined with a space before parsing.</summary>
    public string? TimeColumn { get; init; }
    public string? TimeFormat { get; init; }
    public string? QuantityColumn { get; init; }
    public IReadOnlyCollection<string> SkipItems { get; init; } = [];
    /// <summary>Null: window when there are customers and times, else basket completion.</summary>
    public EvaluationProtocol? Protocol { get; init; }
    public EvaluationOptions Evaluation { get; init; } = new() { K = 5 };

    public IReadOnlyList<string> TimeColumns => TimeColumn is null ? [] : TimeColumn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public EvaluationProtocol ProtocolToUse => Protocol ?? (CustomerColumn is not null && TimeColumn is not null ? EvaluationProtocol.Window : EvaluationProtocol.BasketCompletion);

    /// <summary>The columns to read; without a transaction or time column the old default "Transaction" names the baskets.</summary>
    public PurchaseFileColumns Columns() => new(ItemColumn, TransactionColumn ?? (TimeColumn is null ? "Transaction" : null), CustomerColumn,
        TimeColumns, TimeFormat, QuantityColumn, SkipItems);
}

/// <summary>The file options that can be checked before the file is opened; unknown columns and bad times are found while reading.</summary>
public sealed class FileEvaluationOptionsValidator : AbstractValidator<FileEvaluationOptions>
{
    public FileEvaluationOptionsValidator()
    {
        RuleFor(o => o.Evaluation).SetValidator(new EvaluationOptionsValidator());
        RuleFor(o => o.Format).Must(f => f is "transactions" or "baskets").WithMessage("--format must be transactions or baskets (was {PropertyValue}).");
        RuleFor(o => o.ItemColumn).NotEmpty().When(o => o.Format == "transactions").WithMessage("--item-column must name a column.");
        RuleFor(o => o.TimeFormat).Must(ValidFormat).When(o => o.TimeFormat is not null)
            .WithMessage("--time-format '{PropertyValue}' is not a date and time format (e.g. yyyy-MM-dd HH:mm:ss).");
        RuleFor(o => o.TimeFormat).Null().When(o => o.TimeColumn is null).WithMessage("--time-format needs --time-column (the column it reads).");
        RuleFor(o => o.TimeColumn).Must(t => t!.Split(',').All(c => c.Trim().Length > 0)).When(o => o.TimeColumn is not null)
            .WithMessage("--time-column must name one column, or several separated by commas (was '{PropertyValue}').");
        RuleFor(o => o.ProtocolToUse).Must(p => p is EvaluationProtocol.Window or EvaluationProtocol.BasketCompletion)
            .WithMessage("--protocol on a file must be window or basket-completion (post-purchase and horizon are for the database).");
        RuleFor(o => o).Must(o => o.CustomerColumn is not null && o.TimeColumn is not null)
            .When(o => o.ProtocolToUse == EvaluationProtocol.Window)
            .WithMessage("--protocol window needs --customer-column and --time-column (a case is a customer before and after a split in time).");
        RuleFor(o => o).Must(o => o.CustomerColumn is null && o.TimeColumn is null && o.TransactionColumn is null && o.QuantityColumn is null)
            .When(o => o.Format == "baskets").WithMessage("--format baskets has no columns: leave out the column options, or use --format transactions.");
        RuleFor(o => o.Evaluation.SplitAt).Null().When(o => o.TimeColumn is null)
            .WithMessage("--split-date needs --time-column: without times a file has no dates to split at.");
    }

    private static bool ValidFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format)) return false;
        try
        {
            var sample = new DateTime(2017, 4, 9, 13, 45, 30, DateTimeKind.Utc);
            var text = sample.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
            // A format without any date or time field ("abc") formats to itself and parses to nothing useful.
            return text != format && DateTime.TryParseExact(text, format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
