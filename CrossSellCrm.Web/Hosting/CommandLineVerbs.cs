using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CrossSellCrm.Domain;
using CrossSellCrm.Domain.DemoData;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Customers;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Recommendations.Evaluation;
using CrossSellCrm.Domain.Recommendations.Mining;
using CrossSellCrm.Web.Recommendations;
using FluentValidation;

namespace CrossSellCrm.Web.Hosting;

/// <summary>
/// The host's command-line verbs (`migrate`, `seed`). They use the same configuration and database
/// as the web app (appsettings.json, ConnectionStrings__Crm), without starting a web server.
/// Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
public static partial class CommandLineVerbs
{
    private static readonly string[] Verbs = ["migrate", "seed", "import", "mine", "recommend", "evaluate", "propensity", "export-offer-features", "--help", "-h", "-?", "help"];

    /// <summary>
    /// A first word that is not an option is a verb (web-host arguments all start with "-"), so a
    /// mistyped verb gets an error instead of silently starting the web server.
    /// </summary>
    public static bool Handles(string[] args) => args.Length > 0 && (Verbs.Contains(args[0]) || !args[0].StartsWith('-'));

    /// <param name="settings">Configuration on top of appsettings.json and the environment (tests use it for the database).</param>
    /// <param name="ct">Stops the verb, as Ctrl-C and SIGTERM do (System.CommandLine links them to the token it hands the verb).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, IReadOnlyDictionary<string, string?>? settings = null,
        CancellationToken ct = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (args[0] == "help") args = ["--help"];

        var migrate = new Command("migrate", "Create the database if needed and apply all migrations.");
        migrate.SetAction(async (_, ct) =>
        {
            using var host = await OpenDatabaseAsync(settings, ct);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            await output.WriteLineAsync(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return ExitCodes.Done;
        });

        var customers = new Option<int>("--customers") { Description = "Number of customers to generate.", DefaultValueFactory = _ => 5_000 };
        var orders = new Option<int>("--orders") { Description = "Approximate number of order lines to generate.", DefaultValueFactory = _ => 50_000 };
        var seedOption = new Option<int>("--seed") { Description = "Random seed (same seed, same data).", DefaultValueFactory = _ => new DemoDataOptions().Seed };
        var seed = new Command("seed", "Migrate, then fill an empty database with generated demo data.") { customers, orders, seedOption };
        seed.SetAction(async (parse, ct) =>
        {
            var options = new DemoDataOptions { Customers = parse.GetValue(customers), OrderLines = parse.GetValue(orders), Seed = parse.GetValue(seedOption) };
            var validation = new DemoDataOptionsValidator().Validate(options);
            if (!validation.IsValid)
            {
                foreach (var failure in validation.Errors) await error.WriteLineAsync($"error: {failure.ErrorMessage}");
                return ExitCodes.BadArguments;
            }
            using var host = await OpenDatabaseAsync(settings, ct);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var seeder = host.Services.GetRequiredService<DemoDataSeeder>();
            if (await seeder.HasCustomersAsync(ct))
            {
                await error.WriteLineAsync("error: the database already holds customers. Seed into an empty database (delete the file, or point ConnectionStrings__Crm elsewhere).");
                return ExitCodes.BadArguments;
            }
            var clock = Stopwatch.StartNew();
            var progress = new ConsoleProgress(output, clock);
            var result = await seeder.SeedAsync(options, progress, ct);
            await output.WriteLineAsync(
                $"Seeded {result.Customers:N0} customers, {result.Orders:N0} orders, {result.OrderLines:N0} order lines, {result.Offers:N0} offers " +
                $"in {clock.Elapsed.TotalSeconds:F1} s (generate {result.Generate.TotalSeconds:F1} s, write {result.Write.TotalSeconds:F1} s).");
            return ExitCodes.Done;
        });

        var root = new RootCommand("CrossSellCrm — run without a verb to start the web app.") { migrate, seed, MineCommand(output, error), RecommendCommand(output, error, settings), EvaluateCommand(output, error, settings) };
        root.Add(RemoveDemoUsersCommand(output, error, settings));
        root.Add(ImportCommand(output, error, settings));
        root.Add(PropensityCommand(output, error));
        root.Add(ExportOfferFeaturesCommand(output, error, settings));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("Run with --help to see the verbs and their options.");
            return ExitCodes.BadArguments;
        }
        try
        {
            // Exceptions come to the handlers below: System.CommandLine's own would print a stack trace and exit with 1,
            // and would swallow a cancellation without a word.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: stopped (cancelled) before finishing.");
            return ExitCodes.Cancelled;
        }
        catch (MiningLimitException e)
        {
            // `mine` names its own thresholds; evaluate and recommend mine with theirs (--min-support, appsettings.json).
            await error.WriteLineAsync(Invariant($"error: mining the rules found more than {e.Limit:N0} {e.What}: raise --min-support (or Recommendations:Mining:MinSupport), or lower the maximum length."));
            return ExitCodes.BadArguments;
        }
        catch (DatabaseUnreadableException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.DatabaseUnreadable;
        }
        catch (Exception e) when (DatabaseFile.UnreadableReason(e) is { } reason)
        {
            // Damage past the first page shows only in the query that reads there, deep in some verb.
            using var host = BuildHost(settings);
            var path = host.Services.GetRequiredService<DatabaseFile>().Path() ?? "(ConnectionStrings:Crm)";
            await error.WriteLineAsync($"error: {new DatabaseUnreadableException(path, reason).Message}");
            return ExitCodes.DatabaseUnreadable;
        }
        catch (Exception e) when (e is InvalidOperationException or ValidationException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: unexpected failure: {e}");
            return ExitCodes.Failed;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>`mine`: association rules from a baskets or transactions file; no database involved.</summary>
    private static Command MineCommand(TextWriter output, TextWriter error)
    {
        var input = new Option<string>("--input") { Description = "The file to mine.", Required = true };
        var format = new Option<string>("--format") { Description = "baskets: one basket per line (see --separator); transactions: CSV with a header, one line per (transaction, item).", DefaultValueFactory = _ => "baskets" };
        format.AcceptOnlyFromAmong("baskets", "transactions");
        var separator = new Option<string>("--separator")
        {
            Description = "Baskets format: how items are separated — comma (items trimmed), whitespace (spaces, tabs), or auto: commas if the first 64K characters hold one, else whitespace.",
            DefaultValueFactory = _ => "auto",
        };
        separator.AcceptOnlyFromAmong("auto", "comma", "whitespace");
        var transactionColumn = new Option<string>("--transaction-column") { Description = "Transactions format: the column that identifies a transaction.", DefaultValueFactory = _ => "Transaction" };
        var itemColumn = new Option<string>("--item-column") { Description = "Transactions format: the column that names the item.", DefaultValueFactory = _ => "Item" };
        var skipItem = new Option<string[]>("--skip-item") { Description = "An item value to leave out (e.g. a NONE placeholder); may be repeated.", AllowMultipleArgumentsPerToken = false };
        var minSupport = new Option<double>("--min-support") { Description = "Minimum support, in (0, 1].", Required = true };
        var minConfidence = new Option<double>("--min-confidence") { Description = "Minimum confidence, in (0, 1].", Required = true };
        var minLength = new Option<int>("--min-length") { Description = "Fewest items in a rule (both sides); 1 allows an empty left side.", DefaultValueFactory = _ => 1 };
        var maxLength = new Option<int>("--max-length") { Description = "Most items in an itemset or rule.", DefaultValueFactory = _ => 10 };
        var outputFile = new Option<string?>("--output") { Description = "Write the rules here as CSV (sorted by lift)." };
        var maxBasketItems = MaxBasketItemsOption();
        var maxItemsets = new Option<int>("--max-itemsets")
        {
            Description = "Stop when the thresholds find more frequent itemsets than this (memory is bounded by it).",
            DefaultValueFactory = _ => new MiningOptions().MaxItemsets,
        };
        var maxRules = new Option<int>("--max-rules")
        {
            Description = "Stop when the thresholds give more rules than this (memory is bounded by it).",
            DefaultValueFactory = _ => new MiningOptions().MaxRules,
        };
        var mine = new Command("mine", "Mine association rules (exact, with the definitions of R's arules apriori).")
        {
            input, format, separator, transactionColumn, itemColumn, skipItem, minSupport, minConfidence, minLength, maxLength, outputFile, maxBasketItems, maxItemsets, maxRules,
        };
        mine.SetAction(async (parse, ct) =>
        {
            var options = new MiningOptions
            {
                MinSupport = parse.GetValue(minSupport), MinConfidence = parse.GetValue(minConfidence),
                MinLength = parse.GetValue(minLength), MaxLength = parse.GetValue(maxLength),
                MaxItemsets = parse.GetValue(maxItemsets), MaxRules = parse.GetValue(maxRules),
            };
            var limits = new BasketFileLimits { MaxBasketItems = parse.GetValue(maxBasketItems) };
            // The validators' rules without FluentValidation, whose start would be a seventh of this verb's run.
            var problems = options.Problems();
            problems.AddRange(limits.Problems());
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await error.WriteLineAsync($"error: {problem.Message}");
                return ExitCodes.BadArguments;
            }
            var path = parse.GetValue(input)!;
            if (await RefuseInputAsync(path, error)) return ExitCodes.BadArguments;
            // Checked before mining, which can take minutes: a typo in the folder must not cost them.
            var file = parse.GetValue(outputFile);
            if (file is not null && await RefuseOutputAsync(file, error)) return ExitCodes.BadArguments;

            var clock = Stopwatch.StartNew();
            BasketSet baskets;
            try
            {
                // Reading and mining run off the caller's thread: System.CommandLine starts listening for Ctrl-C and
                // SIGTERM only once the action has handed back its task.
                baskets = await Task.Run(() =>
                {
                    // File.OpenText's UTF-8 with byte-order-mark detection, read 64K bytes at a time instead of 4K.
                    using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 64 * 1024);
                    return parse.GetValue(format) == "transactions"
                        ? BasketFile.ReadTransactions(reader, parse.GetValue(transactionColumn)!, parse.GetValue(itemColumn)!, parse.GetValue(skipItem) ?? [], limits, ct)
                        : BasketFile.ReadBaskets(reader, limits, ct, parse.GetValue(separator) switch
                        {
                            "comma" => BasketSeparator.Comma,
                            "whitespace" => BasketSeparator.Whitespace,
                            _ => BasketSeparator.Auto,
                        });
                }, ct);
            }
            catch (BasketFileException e)
            {
                await error.WriteLineAsync($"error: {path}: {e.Message}");
                return ExitCodes.BadArguments;
            }
            var read = clock.Elapsed;
            MiningResult result;
            try
            {
                result = await Task.Run(() => AssociationMiner.Mine(baskets, options, ct), ct);
            }
            catch (MiningLimitException e)
            {
                await error.WriteLineAsync(e.What == MiningLimitException.Rules
                    ? Invariant($"error: --min-confidence {options.MinConfidence} gives more than {e.Limit:N0} rules (--max-rules {e.Limit}) in {path}: raise --min-confidence or --min-support, or lower --max-length (now {options.MaxLength}); raise --max-rules only if the memory is there.")
                    : Invariant($"error: --min-support {options.MinSupport} finds more than {e.Limit:N0} frequent itemsets (--max-itemsets {e.Limit}) in {path}: raise --min-support or lower --max-length (now {options.MaxLength}); raise --max-itemsets only if the memory is there."));
                return ExitCodes.BadArguments;
            }
            var mined = clock.Elapsed - read;

            await output.WriteLineAsync($"baskets: {baskets.Count}, items: {baskets.ItemNames.Count}");
            await output.WriteLineAsync($"frequent itemsets: {result.FrequentItemsets.Count}");
            await output.WriteLineAsync($"rules: {result.Rules.Count}");
            await output.WriteLineAsync($"time: {clock.Elapsed.TotalMilliseconds:F0} ms (read {read.TotalMilliseconds:F0} ms, mine {mined.TotalMilliseconds:F0} ms)");
            if (file is not null)
            {
                try
                {
                    // UTF-8 without a byte order mark, as StreamWriter(path) writes, through a 64K buffer: the rules go
                    // out cell by cell, and a small buffer would hand them to the file a kilobyte at a time.
                    await using var writer = new StreamWriter(file, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), 64 * 1024);
                    BasketFile.WriteRules(writer, result);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"error: --output: cannot write '{file}': {e.Message}");
                    return ExitCodes.Failed;
                }
                await output.WriteLineAsync($"written: {file}");
            }
            else
            {
                foreach (var rule in result.Rules.Take(10))
                    await output.WriteLineAsync($"  {{{result.Describe(rule.Antecedent)}}} => {{{baskets.ItemNames[rule.Consequent]}}}  support {rule.Support:F4}  confidence {rule.Confidence:F3}  lift {rule.Lift:F2}  n = {rule.Count}");
                if (result.Rules.Count > 10) await output.WriteLineAsync($"  … {result.Rules.Count - 10} more (use --output to write them all)");
            }
            return ExitCodes.Done;
        });
        return mine;
    }

    private static Option<int> MaxBasketItemsOption() => new("--max-basket-items")
    {
        Description = "Refuse a file with a basket (a line, or a transaction) of more items than this.",
        DefaultValueFactory = _ => new BasketFileLimits().MaxBasketItems,
    };

    /// <summary>True (after saying why on stderr) when --input is no file, or not a text file: a picture or an archive would be "mined" as garbage.</summary>
    private static async Task<bool> RefuseInputAsync(string path, TextWriter error)
    {
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"error: --input: there is no file '{path}'.");
            return true;
        }
        if (BasketFile.BinaryFormatOf(path) is not { } binary) return false;
        await error.WriteLineAsync($"error: --input: '{path}' is {binary}, not a text file. Give a text file: one basket per line, or CSV transactions (--format transactions).");
        return true;
    }

    /// <summary>True (after saying why on stderr) when the rules could not be written to --output.</summary>
    private static async Task<bool> RefuseOutputAsync(string file, TextWriter error)
    {
        if (Directory.Exists(file))
        {
            await error.WriteLineAsync($"error: --output: '{file}' is a folder; give the path of a file to write.");
            return true;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is null || Directory.Exists(folder)) return false;
        await error.WriteLineAsync($"error: --output: the folder '{folder}' does not exist (for '{file}'); create it first, or write elsewhere.");
        return true;
    }

    /// <summary>
    /// `recommend`: the next best offers for one customer from the app's database, with the time of
    /// each step (mining, index, customer, decision) — the app's own path, timed.
    /// </summary>
    private static Command RecommendCommand(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
    {
        var customer = new Option<string?>("--customer") { Description = "Customer number, e.g. C0000042." };
        var channel = new Option<ContactChannel>("--channel") { Description = "Phone, Email, Sms, Post or InStore.", DefaultValueFactory = _ => ContactChannel.Phone };
        var language = new Option<string>("--language") { Description = "en or de: the language of the reasons.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("en", "de");
        var sample = new Option<int?>("--sample") { Description = "Instead of --customer: this many customers drawn at random (with --json: one JSON object a line)." };
        var seed = new Option<int>("--seed") { Description = "--sample: the random seed (same seed, same customers).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print each customer's offers as one JSON object a line, with the score's parts." };
        var command = new Command("recommend", "Show the next best offers for a customer (or a random sample of customers), with reasons and timings.")
        {
            customer, channel, language, sample, seed, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var asked = new RecommendOptions { Customer = parse.GetValue(customer), Sample = parse.GetValue(sample), Seed = parse.GetValue(seed) };
            if (new RecommendOptionsValidator().Validate(asked).Errors is { Count: > 0 } wrong)
            {
                foreach (var failure in wrong) await error.WriteLineAsync($"error: {failure.ErrorMessage}");
                return ExitCodes.BadArguments;
            }
            using var host = await OpenExistingDatabaseAsync(settings, error, ct);
            if (host is null) return ExitCodes.Failed;
            var services = host.Services;
            var number = asked.Customer;
            int? id = null;
            List<(int Id, string Number)> drawn = [];
            Dictionary<int, string> skus;
            await using (var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct))
            {
                if (number is not null)
                    id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                        db.Customers.Where(c => c.CustomerNumber == number).Select(c => (int?)c.Id), ct);
                else
                {
                    var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                        db.Customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerNumber }), ct);
                    var random = new Random(asked.Seed);
                    drawn = all.Select(c => (c.Id, c.CustomerNumber)).OrderBy(_ => random.Next()).Take(asked.Sample!.Value).OrderBy(c => c.Id).ToList();
                }
                skus = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(db.Products, p => p.Id, p => p.Sku, ct);
            }
            if (number is not null && id is null)
            {
                await error.WriteLineAsync($"error: --customer: there is no customer '{number}'.");
                return ExitCodes.BadArguments;
            }
            // The same thresholds and contact policy as the app (appsettings.json), checked the same way.
            var mining = host.Configuration.GetSection("Recommendations:Mining").Get<RuleMiningSettings>() ?? new RuleMiningSettings();
            var policy = host.Configuration.GetSection("Recommendations:ContactPolicy").Get<ContactPolicy>() ?? new ContactPolicy();
            var problems = new RuleMiningSettingsValidator().Validate(mining).Errors.Concat(new ContactPolicyValidator().Validate(policy).Errors).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await error.WriteLineAsync($"error: {problem.ErrorMessage}");
                return ExitCodes.BadArguments;
            }
            var clock = Stopwatch.StartNew();
            var book = await services.GetRequiredService<RuleMiningService>().MineAsync(mining.ToOptions(), ct);
            var mined = clock.Elapsed;
            var loader = services.GetRequiredService<EngineIndexLoader>();
            var engine = await loader.BuildAsync(book, new EngineSettings { Policy = policy }, ct);
            // The acceptance model as the app's worker trains it, so the chances printed are the cockpit's.
            var acceptanceOptions = host.Configuration.GetSection("Recommendations:Acceptance").Get<AcceptanceOptions>() ?? new AcceptanceOptions();
            engine = engine.With(await services.GetRequiredService<Domain.Recommendations.Acceptance.OfferAcceptanceTrainer>()
                .TrainAsync(acceptanceOptions.ToUse(), new Domain.Recommendations.Acceptance.AcceptanceSettings { Learner = acceptanceOptions.Learner }, null, ct));
            var indexed = clock.Elapsed - mined;
            if (number is null)
            {
                var jsonOptions = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
                jsonOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
                var sampleLanguage = parse.GetValue(language)!;
                foreach (var (customerId, customerNumber) in drawn)
                {
                    var who = (await loader.CustomerAsync(customerId, ct))!;
                    var choice = engine.Decide(who, parse.GetValue(channel), DateTime.UtcNow);
                    var line = new
                    {
                        customer = customerNumber, purchases = who.Purchases.Count, stop = choice.Stop == StopReason.None ? null : choice.Stop.ToString(),
                        offers = choice.Offers.Select(o =>
                        {
                            var margin = engine.MarginFactor(o.Product);
                            return new
                            {
                                rank = o.Rank, sku = skus.GetValueOrDefault(o.Product.Id), name = o.Product.Name, score = o.Score,
                                propensity = o.Propensity, chance = o.Chance, chanceSource = o.ChanceSource, timing = o.TimingWeight, marginFactor = margin,
                                diversityFactor = o.Propensity * margin == 0 ? 1 : o.Score / (o.Propensity * margin), priority = o.Priority,
                                parts = (o.Parts ?? []).Select(p => new { kind = p.Kind, source = p.Kind == Domain.Recommendations.Likelihood.ContributionSource.Feature ? (int?)null : p.Source, sourceSku = p.Kind is Domain.Recommendations.Likelihood.ContributionSource.Owned or Domain.Recommendations.Likelihood.ContributionSource.Curated or Domain.Recommendations.Likelihood.ContributionSource.Popularity ? skus.GetValueOrDefault(p.Source) : null, feature = p.Kind == Domain.Recommendations.Likelihood.ContributionSource.Feature ? p.Source : (int?)null, logit = p.Logit, together = p.Together, holders = p.SourceHolders }),
                                reasons = o.Reasons.Select(r => r.Text(sampleLanguage)),
                            };
                        }),
                    };
                    if (parse.GetValue(json)) await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(line, jsonOptions));
                    else
                    {
                        await output.WriteLineAsync($"customer {customerNumber}: {who.Purchases.Count} purchases");
                        foreach (var offer in choice.Offers)
                            await output.WriteLineAsync($"  {offer.Rank}. {skus.GetValueOrDefault(offer.Product.Id)} {offer.Product.Name}  score {offer.Score:0.000}  propensity {offer.Propensity:P0}  timing {offer.TimingWeight:0.00}");
                    }
                }
                return ExitCodes.Done;
            }
            var snapshot = (await loader.CustomerAsync(id!.Value, ct))!;
            var loaded = clock.Elapsed - mined - indexed;
            var decideClock = Stopwatch.StartNew();
            var decision = engine.Decide(snapshot, parse.GetValue(channel), DateTime.UtcNow);
            var decided = decideClock.Elapsed;

            var lang = parse.GetValue(language)!;
            await output.WriteLineAsync($"customer {number}: {snapshot.Purchases.Count} purchases, {snapshot.Offers.Count} earlier offers, {snapshot.SegmentIds.Count} segments");
            if (decision.Stop != StopReason.None)
                await output.WriteLineAsync($"no offers: {(lang == "de" ? decision.StopTextDe : decision.StopTextEn)}");
            // Composed as the cockpit composes it: the reasons and what to say, in the asked language.
            foreach (var (offer, points) in Suggestion.Compose(decision, snapshot, lang).Offers)
            {
                await output.WriteLineAsync($"{offer.Rank}. {offer.Product.Name} ({offer.Product.Price:0.00} €)  score {offer.Score:0.00}  propensity {offer.Propensity:P0}  chance {offer.Chance:P0} ({offer.ChanceSource})  timing {offer.TimingWeight:0.00}");
                foreach (var reason in offer.Reasons) await output.WriteLineAsync($"   - {reason.Text(lang)}");
                await output.WriteLineAsync($"   {(lang == "de" ? "sagen" : "say")}: {string.Join(" ", new[] { points.Opener, points.Benefit, points.PersonalHook, points.Price, points.Close }.OfType<string>())}");
            }
            await output.WriteLineAsync(
                $"time: rules mined in {mined.TotalMilliseconds:F0} ms ({book.Rules.Count} rules, {book.Baskets} baskets), index and acceptance model built in {indexed.TotalMilliseconds:F0} ms, " +
                $"customer loaded in {loaded.TotalMilliseconds:F1} ms, decision in {decided.TotalMicroseconds:F0} µs");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// `evaluate`: split history in time, let each recommender learn from the past only, and measure
    /// its top k against what customers bought afterwards. On the app's database, or on a transactions file.
    /// </summary>
    private static Command EvaluateCommand(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
    {
        var k = new Option<int?>("--k") { Description = "How many recommendations count (top k); default 3 on the database, 5 on a file." };
        var fraction = new Option<double>("--train-fraction") { Description = "Share of purchases (database) or baskets (file), in time order, to learn from.", DefaultValueFactory = _ => 0.8 };
        var splitDate = new Option<DateTime?>("--split-date") { Description = "Learn from purchases before this date instead (yyyy-MM-dd)." };
        var input = new Option<string?>("--input") { Description = "A purchases file to evaluate on instead of the database." };
        var format = new Option<string>("--format") { Description = "File: transactions (CSV with a header, a line per purchase) or baskets (a basket a line, no header).", DefaultValueFactory = _ => "transactions" };
        format.AcceptOnlyFromAmong("transactions", "baskets");
        var transactionColumn = new Option<string?>("--transaction-column") { Description = "File: the transaction (invoice) column; without it a basket is one customer's lines at one time (default: 'Transaction' when there is no --time-column)." };
        var itemColumn = new Option<string>("--item-column") { DefaultValueFactory = _ => "Item", Description = "File: the item column." };
        var customerColumn = new Option<string?>("--customer-column") { Description = "File: the customer column (NA or empty: an anonymous line, never a customer case)." };
        var timeColumn = new Option<string?>("--time-column") { Description = "File: the time column, or columns separated by commas (e.g. Date,Time); the split is then by time." };
        var timeFormat = new Option<string?>("--time-format") { Description = "File: the time's exact format, e.g. 'yyyy-MM-dd HH:mm:ss' (default: any invariant date and time)." };
        var quantityColumn = new Option<string?>("--quantity-column") { Description = "File: the quantity column; lines with a negative quantity are returns and are dropped." };
        var skipItem = new Option<string[]>("--skip-item") { Description = "File: an item value to leave out; may be repeated." };
        var minSupport = new Option<double?>("--min-support") { Description = "Minimum support for the rules (default: the database 0.002 but at least 5 baskets; a file tunes it on a validation split)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var protocol = new Option<string?>("--protocol")
        {
            Description = "post-purchase (the database's default), horizon, window (a file's default with customers and times) or basket-completion (a file's default otherwise).",
        };
        protocol.AcceptOnlyFromAmong("post-purchase", "horizon", "window", "basket-completion");
        var horizonDays = new Option<int>("--horizon-days") { Description = "post-purchase and window: days after the moment in which a purchase counts.", DefaultValueFactory = _ => 30 };
        var maxBasketItems = MaxBasketItemsOption();
        var acceptance = new Option<bool>("--acceptance") { Description = "Database: also the engine with the acceptance model learnt from the offers before the split (row engine+acceptance)." };
        var command = new Command("evaluate", "Offline evaluation: hit rate (with its 95 % interval), precision, recall, MAP, NDCG and coverage at k, per recommender.")
        {
            k, fraction, splitDate, input, format, transactionColumn, itemColumn, customerColumn, timeColumn, timeFormat, quantityColumn, skipItem, minSupport, json, protocol,
            horizonDays, maxBasketItems, acceptance,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input);
            var asked = new EvaluationOptions
            {
                K = parse.GetValue(k) ?? (path is null ? 3 : 5), TrainFraction = parse.GetValue(fraction), MinSupport = parse.GetValue(minSupport), HorizonDays = parse.GetValue(horizonDays),
                Protocol = parse.GetValue(protocol) is { } named ? Enum.GetValues<EvaluationProtocol>().First(p => EvaluationProtocols.Name(p) == named) : EvaluationProtocol.PostPurchase,
                SplitAt = parse.GetValue(splitDate), Acceptance = parse.GetValue(acceptance),
            };
            var fileOptions = path is null ? null : new FileEvaluationOptions
            {
                Format = parse.GetValue(format)!, ItemColumn = parse.GetValue(itemColumn)!, TransactionColumn = parse.GetValue(transactionColumn),
                CustomerColumn = parse.GetValue(customerColumn), TimeColumn = parse.GetValue(timeColumn), TimeFormat = parse.GetValue(timeFormat),
                QuantityColumn = parse.GetValue(quantityColumn), SkipItems = parse.GetValue(skipItem) ?? [],
                Protocol = parse.GetValue(protocol) is null ? null : asked.Protocol, Evaluation = asked,
            };
            var wrong = fileOptions is null ? new EvaluationOptionsValidator().Validate(asked).Errors : new FileEvaluationOptionsValidator().Validate(fileOptions).Errors;
            if (wrong is { Count: > 0 })
            {
                foreach (var failure in wrong) await error.WriteLineAsync($"error: {failure.ErrorMessage}");
                return ExitCodes.BadArguments;
            }
            var top = asked.K;
            var clock = Stopwatch.StartNew();
            EvaluationReport report;
            string data;
            FileEvaluationResult? onFile = null;
            if (path is not null)
            {
                if (await RefuseInputAsync(path, error)) return ExitCodes.BadArguments;
                var limits = new BasketFileLimits { MaxBasketItems = parse.GetValue(maxBasketItems) };
                if (new BasketFileLimitsValidator().Validate(limits).Errors is { Count: > 0 } problems)
                {
                    foreach (var failure in problems) await error.WriteLineAsync($"error: {failure.ErrorMessage}");
                    return ExitCodes.BadArguments;
                }
                PurchaseFileData file;
                try
                {
                    // Off the caller's thread, as in `mine`, so that Ctrl-C and SIGTERM reach the token while the file is read.
                    file = await Task.Run(() =>
                    {
                        using var reader = File.OpenText(path);
                        return fileOptions!.Format == "baskets" ? PurchaseFile.ReadBaskets(reader, limits, ct) : PurchaseFile.ReadTransactions(reader, fileOptions.Columns(), limits, ct);
                    }, ct);
                }
                catch (BasketFileException e)
                {
                    await error.WriteLineAsync($"error: {path}: {e.Message}");
                    return ExitCodes.BadArguments;
                }
                if (file.Events.Count == 0)
                {
                    await error.WriteLineAsync($"error: {path}: the file holds no purchases with items (after {file.ReturnsDropped:N0} returns and {file.SkippedLines:N0} empty or skipped items).");
                    return ExitCodes.BadArguments;
                }
                onFile = await Task.Run(() => FileEvaluation.Run(file, fileOptions!.ProtocolToUse, asked, ct), ct);
                report = onFile.Report;
                data = $"{Path.GetFileName(path)}: {file.Baskets:N0} baskets, {file.Customers:N0} customers, {file.Events.Count:N0} lines, {file.ItemNames.Count:N0} items";
            }
            else
            {
                using var host = await OpenExistingDatabaseAsync(settings, error, ct);
                if (host is null) return ExitCodes.Failed;
                var run = await host.Services.GetRequiredService<EvaluationService>().RunAsync(asked, ct);
                if (run is null)
                {
                    await error.WriteLineAsync("error: the database holds no orders to evaluate on; run `seed` first.");
                    return ExitCodes.Failed;
                }
                (report, data) = (run.Report, run.Data);
            }
            if (parse.GetValue(json))
            {
                var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };
                await output.WriteLineAsync(onFile is null
                    ? System.Text.Json.JsonSerializer.Serialize(new { data, report }, options)
                    : System.Text.Json.JsonSerializer.Serialize(new
                    {
                        data, report,
                        file = new
                        {
                            lines = onFile.File.Lines, purchases = onFile.File.Events.Count, baskets = onFile.File.Baskets, customers = onFile.File.Customers,
                            items = onFile.File.ItemNames.Count, returnsDropped = onFile.File.ReturnsDropped, anonymousLines = onFile.File.AnonymousLines,
                            skippedLines = onFile.File.SkippedLines, timeKnown = onFile.File.TimeKnown,
                        },
                        tuning = new { minSupport = onFile.MinSupport, popularityWeight = onFile.PopularityWeight, ridge = onFile.Training?.Ridge },
                    }, options));
                return ExitCodes.Done;
            }
            await output.WriteLineAsync(data);
            if (onFile is not null)
            {
                var f = onFile.File;
                await output.WriteLineAsync($"dropped: {f.ReturnsDropped:N0} returns, {f.SkippedLines:N0} lines without an item (or skipped); {f.AnonymousLines:N0} anonymous lines (no customer case)" +
                    (f.TimeKnown ? "" : "; no time column: the split follows the file's order"));
                await output.WriteLineAsync(Invariant($"tuned on the validation split: rules' min support {onFile.MinSupport:G3}, engine's popularity weight {onFile.PopularityWeight:G3}"));
            }
            await output.WriteLineAsync($"split at {report.SplitAt:yyyy-MM-dd HH:mm}: {report.TrainEvents:N0} purchases to learn from, {report.TestEvents:N0} after; {report.Cases:N0} test cases ({report.Protocol})");
            var margins = report.Results.Any(r => r.MarginPerCase is not null);
            await output.WriteLineAsync($"{"recommender",-17} {"hit@" + top,8} {"95 % interval",13} {"prec@" + top,8} {"recall@" + top,9} {"map@" + top,8} {"ndcg@" + top,8} {"coverage",9}{(margins ? $" {"margin/case",12}" : "")}");
            foreach (var r in report.Results)
                await output.WriteLineAsync(Invariant($"{r.Recommender,-17} {r.HitRate,8:F3} {$"{r.HitRateLow:F3}–{r.HitRateHigh:F3}",13} {r.Precision,8:F3} {r.Recall,9:F3} {r.Map,8:F3} {r.Ndcg,8:F3} {r.Coverage,9:F3}{(margins ? $" {r.MarginPerCase,12:F2}" : "")}"));
            foreach (var d in report.Verdict ?? [])
                await output.WriteLineAsync(Invariant($"  {d.Better} − {d.Worse}: {d.Difference:+0.000;−0.000;0.000} hit@{top}, 95 % interval {d.Low:+0.000;−0.000;0.000} to {d.High:+0.000;−0.000;0.000}"));
            if (report.Verdict is { Count: > 0 } verdict)
                await output.WriteLineAsync(report.ClearWinner is { } winner
                    ? $"verdict: {winner} wins (its lead over every other recommender is clear at 95 %)"
                    : $"verdict: no clear winner — {verdict[0].Better} leads, but not clearly ahead of {string.Join(", ", verdict.Where(v => v.Low <= 0).Select(v => v.Worse))}");
            await output.WriteLineAsync($"time: {clock.Elapsed.TotalMilliseconds:F0} ms");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// `remove-demo-users`: the demo users can no longer sign in (their password is public). Run it on a database
    /// that was set up in Development before it serves real users; the app will not start in production until then.
    /// </summary>
    private static Command RemoveDemoUsersCommand(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings)
    {
        var command = new Command("remove-demo-users", "Delete the demo manager, trainer and admin, and take the demo reps' password (their demo data stays).");
        command.SetAction(async (_, ct) =>
        {
            using var host = await OpenExistingDatabaseAsync(settings, error, ct);
            if (host is null) return ExitCodes.Failed;
            await using var db = await host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmDbContext>>().CreateDbContextAsync(ct);
            var removed = await Users.DemoSignIns.RemoveAsync(db, ct);
            await output.WriteLineAsync(removed == 0
                ? "No demo user can sign in; nothing to remove."
                : $"{removed} demo users can no longer sign in: the demo manager, trainer and admin are deleted, the demo reps stay in the demo data without a password.");
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>
    /// The verb's host, once the database file is known to be readable: no verb works on a file SQLite cannot read
    /// (<see cref="DatabaseUnreadableException"/>: exit 3, the file left as it is). A missing file is fine: migrating creates it.
    /// </summary>
    private static async Task<VerbServices> OpenDatabaseAsync(IReadOnlyDictionary<string, string?>? settings, CancellationToken ct)
    {
        var host = BuildHost(settings);
        try
        {
            await host.Services.GetRequiredService<DatabaseFile>().EnsureReadableAsync(ct);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// For a read-only verb (evaluate, recommend): the database must be there and migrated; SQLite must not create an
    /// empty file for it. Null, after saying why, when it is not.
    /// </summary>
    private static async Task<VerbServices?> OpenExistingDatabaseAsync(IReadOnlyDictionary<string, string?>? settings, TextWriter error, CancellationToken ct)
    {
        var host = await OpenDatabaseAsync(settings, ct);
        try
        {
            var file = host.Services.GetRequiredService<DatabaseFile>();
            var name = file.Path() is { } path ? $"'{path}'" : "(ConnectionStrings:Crm)";
            var problem = !file.Exists() ? $"the database {name} does not exist. Run `migrate` and `seed` first, or point ConnectionStrings:Crm at your database."
                : !await host.Services.GetRequiredService<DatabaseMigrator>().IsCurrentAsync(ct) ? $"the database {name} is not (fully) migrated; run `migrate` (and `seed`) first."
                : null;
            if (problem is null) return host;
            await error.WriteLineAsync($"error: {problem}");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        host.Dispose();
        return null;
    }

    /// <summary>
    /// The web app's configuration and domain services, without the web server, in one scope for the
    /// verb (domain services are scoped). Scopes are validated in every environment, as in Development.
    /// </summary>
    private static VerbServices BuildHost(IReadOnlyDictionary<string, string?>? settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddCrmDomain(builder.Configuration, builder.Environment.ContentRootPath);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
        var host = builder.Build();
        return new VerbServices(host, host.Services.CreateScope());
    }

    private sealed class VerbServices(IHost host, IServiceScope scope) : IDisposable
    {
        public IServiceProvider Services => scope.ServiceProvider;
        public IConfiguration Configuration => host.Services.GetRequiredService<IConfiguration>();

        public void Dispose()
        {
            scope.Dispose();
            host.Dispose();
        }
    }

    /// <summary>Prints a progress line at most every half second, with the elapsed time.</summary>
    private sealed class ConsoleProgress(TextWriter output, Stopwatch clock) : IProgress<string>
    {
        private TimeSpan _last = TimeSpan.FromSeconds(-1);

        public void Report(string value)
        {
            if (clock.Elapsed - _last < TimeSpan.FromMilliseconds(500)) return;
            _last = clock.Elapsed;
            output.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {value}");
        }
    }
}
