using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receipts.Server;
using Receipts.Server.Scheduling;
using Receipts.Server.Dashboard;

namespace Receipts.Cli.Commands.Serve;

/// <summary><c>receipts serve</c>: the collector (and later API and dashboard), in this process.</summary>
internal static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = "Where to listen (default: http://127.0.0.1:5080, loopback only). Several: --urls http://127.0.0.1:5080 --urls http://[::1]:5080",
            DefaultValueFactory = _ => ["http://127.0.0.1:5080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var store = StoreOption.Create();
        var publicMetrics = new Option<bool>("--public-metrics")
        {
            Description = "Serve GET /metrics without a token (default: a read-scope token is required)",
        };
        var usageLimit = new Option<long>("--usage-body-limit")
        {
            Description = "Largest POST /v1/usage body in bytes; bigger is answered 413 (default: 5242880, 5 MB)",
            DefaultValueFactory = _ => 5 * 1024 * 1024,
        };
        var otlpLimit = new Option<long>("--otlp-body-limit")
        {
            Description = "Largest OTLP/HTTP or hook body in bytes (default: 5242880, 5 MB)",
            DefaultValueFactory = _ => 5 * 1024 * 1024,
        };

        var config = ConfigLocation.CreateOption();
        var refresh = new Option<int>("--dashboard-refresh")
        {
            Description = "Minutes between background recomputes of the dashboard's numbers (default: 5; a correction recomputes at once)",
            DefaultValueFactory = _ => 5,
        };
        var noDashboard = new Option<bool>("--no-dashboard")
        {
            Description = "Collector only: no dashboard snapshot is computed (it reads the whole period from the store every few minutes)",
        };
        var journalAck = new Option<int>("--journal-ack-ms")
        {
            Description = "Embedded store only: a batch whose commit takes longer than this many milliseconds is answered once it is durable in the collector's journal, and applied to the store behind it (DuckDB holds all commits while it checkpoints). 0: always answer from the journal (default: 20)",
            DefaultValueFactory = _ => 20,
        };
        var noJournal = new Option<bool>("--no-journal")
        {
            Description = "Embedded store only: answer every batch only after the store has committed it, however long a checkpoint holds it",
        };
        var command = new Command(
            "serve",
            """
            Run the collector: POST /v1/usage batches (and OTLP, hooks), GET /healthz, GET /metrics,
            and the dashboard at / (log in with a read-scope token; fixing an attribution needs admin).
            Every route but /healthz needs a token: create one with `receipts tokens create`.
            The dashboard reads the directory file (--config) afresh on every recompute.
            With a directory file (receipts.yaml) it also runs the budget and anomaly checks on
            alerts: schedule:, sends the reports of alerts: reports: (the weekly report) on their cron
            schedules, and watches the collector's stream for runaway hours (docs/alerts.md).
            The store is the embedded DuckDB file by default (one server process); use PostgreSQL
            for several replicas. Ctrl+C or SIGTERM stops accepting and finishes in-flight batches.
            On the embedded store a batch held up by a checkpoint is answered from the collector's
            journal (receipts.duckdb.journal/, fsynced) and applied behind; a killed server applies
            what the journal holds when it starts again (--journal-ack-ms, --no-journal).

            Examples:
              receipts serve
              receipts serve --urls http://0.0.0.0:5080 --public-metrics
              receipts serve --config /etc/receipts/receipts.yaml --dashboard-refresh 10
              receipts serve --journal-ack-ms 0
              receipts serve --store "postgres:Host=db;Username=receipts;Password=$PGPASSWORD;Database=receipts"
            """);
        command.Options.Add(urls);
        command.Options.Add(store);
        command.Options.Add(publicMetrics);
        command.Options.Add(usageLimit);
        command.Options.Add(otlpLimit);
        command.Options.Add(config);
        command.Options.Add(refresh);
        command.Options.Add(noDashboard);
        command.Options.Add(journalAck);
        command.Options.Add(noJournal);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var options = new ReceiptsServerOptions
            {
                Urls = [.. (context.Get(urls) ?? []).SelectMany(u => u.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                PublicMetrics = context.Get(publicMetrics),
                UsageBodyLimitBytes = context.Get(usageLimit),
                OtlpBodyLimitBytes = context.Get(otlpLimit),
                JournalAckAfter = context.Get(noJournal) ? null : TimeSpan.FromMilliseconds(context.Get(journalAck)),
            };
            if (context.Get(journalAck) < 0)
            {
                throw new UserException("--journal-ack-ms must be 0 or more milliseconds.", "Example: --journal-ack-ms 50, or --no-journal to answer only after the store commits.");
            }

            if (options.UsageBodyLimitBytes <= 0 || options.OtlpBodyLimitBytes <= 0)
            {
                throw new UserException("Body limits must be positive byte counts.", "Example: --usage-body-limit 10485760 for 10 MB.");
            }

            if (context.Get(refresh) < 1)
            {
                throw new UserException("--dashboard-refresh must be at least 1 minute.", "Example: --dashboard-refresh 5.");
            }

            var configOption = context.Get(config);
            // Fail now on a named file that is missing or broken, not in the background later.
            var directory = await ConfigLocation.LoadAsync(configOption, environment, cancellationToken);
            var dashboard = new DashboardOptions
            {
                LoadDirectory = ct => ConfigLocation.LoadAsync(configOption, environment, ct),
                RefreshInterval = TimeSpan.FromMinutes(context.Get(refresh)),
                Enabled = !context.Get(noDashboard),
            };
            var spec = StoreOption.Resolve(context, store);
            await using var opened = await StoreOption.OpenAsync(context, spec, cancellationToken);
            await using var app = ReceiptsServer.Build(options, opened, builder =>
            {
                builder.Services.AddSingleton(environment.Time);
                if (directory.Path is not null)
                {
                    builder.Services.AddReceiptsReporting(opened, directory, environment.GetVariable);
                }

                builder.Services.AddSingleton(dashboard);
            });
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new UserException($"Cannot listen on {string.Join(", ", options.Urls)}: {e.Message}", "Choose another port with --urls http://127.0.0.1:PORT.", e);
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (opened.JournalReplay is { TornTail: { } torn })
            {
                await environment.Error.WriteLineAsync("warning: " + torn);
            }

            if (opened.JournalReplay is { Batches: > 0 } replay)
            {
                await environment.Out.WriteLineAsync($"Applied {replay.Batches} acknowledged batches ({replay.Records} records) from the collector journal that the store did not hold yet");
            }

            foreach (var address in addresses)
            {
                await environment.Out.WriteLineAsync($"Receipts collector listening on {address} (store: {opened.Description})");
            }

            await environment.Out.FlushAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
