using System.Globalization;
using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Directory;

namespace Receipts.Sources.Configuration;

/// <summary>
/// The <c>budgets:</c> and <c>alerts:</c> sections of <c>receipts.yaml</c>:
/// <code>
/// budgets:
///   - { team: payments, monthly: 5000 }
///   - { project: search-api, quarterly: 12000, thresholds: [50, 80, 100] }   # percent
///   - { key: payments-prod, monthly: 2000 }
///   - { person: sarah, monthly: 300 }
/// alerts:
///   production_keys: [payments-prod]       # also: keys named *prod*, keys whose traffic is env=prod
///   channels:
///     - { webhook_env: RECEIPTS_SLACK_WEBHOOK, format: slack }          # URL from an environment variable
///     - { webhook: "http://alerts.internal/receipts", format: generic, name: ops }
///     - { smtp: smtp.acme.com, port: 587, tls: true, from: receipts@acme.com, to: [finops@acme.com],
///         user_env: SMTP_USER, password_env: SMTP_PASSWORD }
///   schedule: "*/15 * * * *"              # when `receipts serve` runs the checks (cron, directory zone)
///   live_runaway: true                     # watch the collector's stream for runaway hours
///   reports:
///     weekly: { schedule: "0 8 * * MON", channels: [ops] }   # channel names; none = all channels
///   anomalies: { spike_z: 6, spike_min_ratio: 2, spike_level_days: 42, spike_spread_days: 112, min_daily_excess: 25, drift_ratio: 1.6, drift_tau: 0.3,
///                cost_per_call_ratio: 1.5, runaway_median_factor: 10, runaway_p95_factor: 3, runaway_min_excess: 20 }
/// </code>
/// </summary>
internal static class AlertsSection
{
    public static IReadOnlyList<Budget> ReadBudgets(
        YamlMap root,
        IReadOnlyDictionary<string, TeamConfig> teams,
        IReadOnlyDictionary<string, ProjectConfig> projects,
        IReadOnlyDictionary<string, PersonConfig> people)
    {
        var budgets = new List<Budget>();
        foreach (var entry in root.MapList("budgets"))
        {
            var scopes = new (BudgetScope Scope, string Key)[] { (BudgetScope.Team, "team"), (BudgetScope.Project, "project"), (BudgetScope.Key, "key"), (BudgetScope.Person, "person") }
                .Select(s => (s.Scope, s.Key, Name: entry.String(s.Key)))
                .Where(s => s.Name is not null)
                .ToList();
            if (scopes.Count != 1)
            {
                throw entry.Error(entry.Line, entry.Field, "name exactly one of team:, project:, key: or person:");
            }

            var (scope, key, name) = scopes[0];
            var known = scope switch
            {
                BudgetScope.Team => teams.ContainsKey(name!),
                BudgetScope.Project => projects.ContainsKey(name!),
                BudgetScope.Person => people.ContainsKey(name!),
                _ => true,
            };
            if (!known)
            {
                throw entry.Error(entry.LineOf(key), entry.Dotted(key), $"unknown {key} '{name}': define it under {key}s: first");
            }

            var monthly = entry.Decimal("monthly", 0.01m);
            var quarterly = entry.Decimal("quarterly", 0.01m);
            if (monthly.HasValue == quarterly.HasValue)
            {
                throw entry.Error(entry.Line, entry.Field, "give the amount as exactly one of monthly: or quarterly: (dollars)");
            }

            var thresholds = Budget.DefaultThresholds;
            var percents = entry.StringList("thresholds");
            if (percents.Count > 0)
            {
                thresholds = [.. percents.Select(p => ParsePercent(entry, p)).Distinct().Order()];
            }

            entry.RejectUnknown();
            budgets.Add(new Budget
            {
                Scope = scope,
                Name = name!,
                Amount = monthly ?? quarterly!.Value,
                Period = monthly.HasValue ? BudgetPeriod.Monthly : BudgetPeriod.Quarterly,
                Thresholds = thresholds,
            });
        }

        return budgets;
    }

    public static AlertsConfig ReadAlerts(YamlMap? map)
    {
        if (map is null)
        {
            return AlertsConfig.Empty;
        }

        var webhooks = new List<WebhookChannelConfig>();
        var email = new List<SmtpChannelConfig>();
        foreach (var channel in map.MapList("channels"))
        {
            var url = channel.String("webhook");
            var urlVariable = channel.String("webhook_env");
            var host = channel.String("smtp");
            var kinds = (url is null && urlVariable is null ? 0 : 1) + (host is null ? 0 : 1);
            if (kinds != 1 || (url is not null && urlVariable is not null))
            {
                throw channel.Error(channel.Line, channel.Field, "a channel is one of webhook: URL, webhook_env: VARIABLE or smtp: HOST");
            }

            var name = channel.String("name");
            if (host is null)
            {
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
                {
                    throw channel.Error(channel.LineOf("webhook"), channel.Dotted("webhook"), "expected an http(s) URL");
                }

                var format = channel.String("format") ?? "slack";
                if (format is not ("slack" or "generic"))
                {
                    throw channel.Error(channel.LineOf("format"), channel.Dotted("format"), $"'{format}' is not a webhook format: use slack or generic");
                }

                channel.RejectUnknown();
                webhooks.Add(new WebhookChannelConfig
                {
                    Name = name ?? "webhook-" + (webhooks.Count + 1).ToString(CultureInfo.InvariantCulture),
                    Url = url,
                    UrlVariable = urlVariable,
                    Format = format == "slack" ? WebhookFormat.Slack : WebhookFormat.Generic,
                });
                continue;
            }

            var from = channel.String("from") ?? throw channel.Error(channel.Line, channel.Dotted("from"), "missing: the sender address");
            var to = channel.StringList("to");
            if (to.Count == 0)
            {
                throw channel.Error(channel.Line, channel.Dotted("to"), "missing: at least one recipient");
            }

            var smtp = new SmtpChannelConfig
            {
                Name = name ?? "email-" + (email.Count + 1).ToString(CultureInfo.InvariantCulture),
                Host = host,
                Port = channel.Int("port", 1, 65535) ?? 587,
                Tls = channel.Bool("tls") ?? true,
                From = from,
                To = to,
                UserVariable = channel.String("user_env"),
                PasswordVariable = channel.String("password_env"),
            };
            channel.RejectUnknown();
            email.Add(smtp);
        }

        var productionKeys = map.StringList("production_keys");
        var anomalies = ReadAnomalyOptions(map.Map("anomalies"));
        var schedule = map.String("schedule") ?? AlertsConfig.DefaultCheckSchedule;
        CronSchedule.Check(map, "schedule", schedule);
        var reports = ScheduleSection.ReadReports(map.Map("reports"), [.. webhooks.Select(w => w.Name), .. email.Select(e => e.Name)]);
        var live = map.Bool("live_runaway") ?? true;
        map.RejectUnknown();
        return new AlertsConfig
        {
            Webhooks = webhooks, Email = email, ProductionKeys = productionKeys, Anomalies = anomalies,
            CheckSchedule = schedule, Reports = reports, LiveRunaway = live,
        };
    }

    private static AnomalyOptions ReadAnomalyOptions(YamlMap? map)
    {
        if (map is null)
        {
            return AnomalyOptions.Default;
        }

        var d = AnomalyOptions.Default;
        var options = d with
        {
            BaselineDays = map.Int("baseline_days", 14, 120) ?? d.BaselineDays,
            SpikeZ = map.Decimal("spike_z", 1m) ?? d.SpikeZ,
            SpikeMinRatio = map.Decimal("spike_min_ratio", 1m) ?? d.SpikeMinRatio,
            SpikeLevelDays = map.Int("spike_level_days", 14, 120) ?? d.SpikeLevelDays,
            SpikeSpreadDays = map.Int("spike_spread_days", 28, 365) ?? d.SpikeSpreadDays,
            MinDailyExcess = map.Decimal("min_daily_excess", 0m) ?? d.MinDailyExcess,
            DriftRatio = map.Decimal("drift_ratio", 1m) ?? d.DriftRatio,
            DriftTau = map.Decimal("drift_tau", 0m) ?? d.DriftTau,
            DriftZ = map.Decimal("drift_z", 0m) ?? d.DriftZ,
            DriftRecentDays = map.Int("drift_recent_days", 7, 28) ?? d.DriftRecentDays,
            DriftMinDailyExcess = map.Decimal("drift_min_daily_excess", 0m) ?? d.DriftMinDailyExcess,
            CostPerCallRatio = map.Decimal("cost_per_call_ratio", 1m) ?? d.CostPerCallRatio,
            CostPerCallZ = map.Decimal("cost_per_call_z", 1m) ?? d.CostPerCallZ,
            RunawayMedianFactor = map.Decimal("runaway_median_factor", 1m) ?? d.RunawayMedianFactor,
            RunawayP95Factor = map.Decimal("runaway_p95_factor", 1m) ?? d.RunawayP95Factor,
            RunawayMinExcess = map.Decimal("runaway_min_excess", 0m) ?? d.RunawayMinExcess,
        };
        map.RejectUnknown();
        return options;
    }

    private static decimal ParsePercent(YamlMap entry, string text) =>
        decimal.TryParse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) && percent > 0m && percent <= 1000m
            ? percent / 100m
            : throw entry.Error(entry.LineOf("thresholds"), entry.Dotted("thresholds"), $"'{text}' is not a percentage such as 80");
}
