using BenchmarkDotNet.Running;
using CrossSellCrm.Benchmarks;

// dotnet run -c Release --project CrossSellCrm.Benchmarks -- --filter '*'
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- training-memory CUSTOMERS PRODUCTS
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- import-speed LINES
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- acceptance-training ROWS [trees|logistic]
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- campaign-prepare MEMBERS
if (args is ["training-memory", var customers, var products])
    TrainingMemory.Run(int.Parse(customers), int.Parse(products));
else if (args is ["import-speed", var lines])
    await ImportSpeed.RunAsync(int.Parse(lines));
else if (args is ["acceptance-training", var rows, ..])
    AcceptanceTrainingSpeed.Run(int.Parse(rows), args.Length > 2 ? args[2] : "trees");
else if (args is ["campaign-prepare", var members])
    await CampaignPreparationSpeed.RunAsync(int.Parse(members));
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
