using BenchmarkDotNet.Running;
using CrossSellCrm.Benchmarks;

// dotnet run -c Release --project CrossSellCrm.Benchmarks -- --filter '*'
// dotnet run -c Release --project CrossSellCrm.Benchmarks -- training-memory CUSTOMERS PRODUCTS
if (args is ["training-memory", var customers, var products])
    TrainingMemory.Run(int.Parse(customers), int.Parse(products));
else
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
