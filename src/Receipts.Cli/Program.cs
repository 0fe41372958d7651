using Receipts.Cli;

return await ReceiptsApp.RunAsync(args, CliEnvironment.FromProcess());
