using System.Diagnostics;
using Receipts.Domain.Directory;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Git;
using Receipts.Sources.Http;

namespace Receipts.Sources.Sync;

/// <summary>
/// Runs every configured source in file order, one after the other (they share one store). A source that
/// fails is reported with its message and hint and the run goes on: each importer writes in one transaction,
/// so a failed source wrote nothing and the others are unaffected. Only cancellation stops the run.
/// </summary>
public sealed class SyncRunner(SyncContext context)
{
    public async Task<IReadOnlyList<SyncSourceResult>> RunAsync(IReadOnlyList<SourceConfig> sources, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var results = new List<SyncSourceResult>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            progress?.Report(new SyncProgress(i, sources.Count, source.Name, null));
            var clock = Stopwatch.StartNew();
            SyncSourceResult result;
            try
            {
                result = await SyncSources.RunAsync(source, context, cancellationToken) with { Elapsed = clock.Elapsed };
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                // The boundary of one source: whatever broke it is reported, the others still run.
                result = new SyncSourceResult
                {
                    Name = source.Name,
                    Kind = source.Kind,
                    Error = e.Message,
                    Hint = e switch
                    {
                        BillingApiException b => b.Hint,
                        SourceException s => s.Hint,
                        GitException g => g.Hint,
                        SyncConfigurationException c => c.Hint,
                        _ => null,
                    },
                    Elapsed = clock.Elapsed,
                };
            }

            results.Add(result);
            progress?.Report(new SyncProgress(i, sources.Count, source.Name, result));
        }

        return results;
    }
}
