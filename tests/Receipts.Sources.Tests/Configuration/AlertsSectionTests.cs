using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;
using Receipts.Sources.Configuration;

namespace Receipts.Sources.Tests.Configuration;

public sealed class AlertsSectionTests
{
    private const string Directory = """
        teams:
          payments: {}
        projects:
          payments-api: { team: payments }
        people:
          sarah: { team: payments }
        """;

    [Fact]
    public void Parse_BudgetsAndAlerts_ReadsEveryField()
    {
        var directory = DirectoryLoader.Parse(Directory + """

            budgets:
              - { team: payments, monthly: 5000 }
              - { project: payments-api, quarterly: 12000, thresholds: [80, 100] }
              - { key: payments-prod, monthly: 2000 }
              - { person: sarah, monthly: 300 }
            alerts:
              production_keys: [payments-prod]
              channels:
                - { webhook_env: SLACK_URL, format: slack }
                - { webhook: "http://alerts.internal/receipts", format: generic, name: ops }
                - { smtp: smtp.acme.com, port: 2525, tls: false, from: receipts@acme.com, to: [finops@acme.com], user_env: SMTP_USER, password_env: SMTP_PASSWORD }
              anomalies: { spike_z: 7, runaway_min_excess: 60, spike_level_days: 35, spike_spread_days: 84 }
            """, "receipts.yaml");

        directory.Budgets.Count.ShouldBe(4);
        directory.Budgets[0].ShouldBe(new Budget { Scope = BudgetScope.Team, Name = "payments", Amount = 5000m }, new BudgetComparer());
        directory.Budgets[1].Period.ShouldBe(BudgetPeriod.Quarterly);
        directory.Budgets[1].Thresholds.ShouldBe([0.8m, 1m]);
        directory.Budgets[2].Scope.ShouldBe(BudgetScope.Key);
        directory.Alerts.ProductionKeys.ShouldBe(["payments-prod"]);
        directory.Alerts.Webhooks.Select(w => (w.Name, w.Format, w.UrlVariable, w.Url)).ShouldBe(
            [("webhook-1", WebhookFormat.Slack, "SLACK_URL", null), ("ops", WebhookFormat.Generic, null, "http://alerts.internal/receipts")]);
        var smtp = directory.Alerts.Email.Single();
        (smtp.Host, smtp.Port, smtp.Tls, smtp.From, smtp.PasswordVariable).ShouldBe(("smtp.acme.com", 2525, false, "receipts@acme.com", "SMTP_PASSWORD"));
        smtp.To.ShouldBe(["finops@acme.com"]);
        directory.Alerts.Anomalies.SpikeZ.ShouldBe(7m);
        directory.Alerts.Anomalies.RunawayMinExcess.ShouldBe(60m);
        (directory.Alerts.Anomalies.SpikeLevelDays, directory.Alerts.Anomalies.SpikeSpreadDays).ShouldBe((35, 84));
    }

    [Theory]
    [InlineData("budgets:\n  - { team: nobody, monthly: 5 }", "budgets[0].team", "unknown team")]
    [InlineData("budgets:\n  - { team: payments, person: sarah, monthly: 5 }", "budgets[0]", "exactly one")]
    [InlineData("budgets:\n  - { team: payments }", "budgets[0]", "monthly")]
    [InlineData("budgets:\n  - { team: payments, monthly: 5, thresholds: [abc] }", "budgets[0].thresholds", "percentage")]
    [InlineData("alerts:\n  channels:\n    - { webhook: ftp://x, format: slack }", "alerts.channels[0].webhook", "http")]
    [InlineData("alerts:\n  channels:\n    - { webhook: 'http://x', format: teams }", "alerts.channels[0].format", "slack or generic")]
    [InlineData("alerts:\n  channels:\n    - { smtp: mail, from: a@b }", "alerts.channels[0].to", "recipient")]
    [InlineData("alerts:\n  anomalis: {}", "alerts.anomalis", "unknown field")]
    public void Parse_WrongSection_NamesTheField(string section, string field, string problem)
    {
        var e = Should.Throw<DirectoryFileException>(() => DirectoryLoader.Parse(Directory + "\n" + section, "receipts.yaml"));
        e.Message.ShouldContain(field);
        e.Message.ShouldContain(problem, Case.Insensitive);
    }

    private sealed class BudgetComparer : IEqualityComparer<Budget>
    {
        public bool Equals(Budget? x, Budget? y) =>
            x is not null && y is not null && x.Scope == y.Scope && x.Name == y.Name && x.Amount == y.Amount && x.Period == y.Period && x.Thresholds.SequenceEqual(y.Thresholds);

        public int GetHashCode(Budget obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
