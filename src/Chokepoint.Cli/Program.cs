using System.CommandLine;
using Chokepoint.Cli.Decisions;
using Chokepoint.Cli.Lists;
using Chokepoint.Cli.Screening;

var root = new RootCommand("Chokepoint: dual-use export control and sanctions compliance.");
var wide = new Option<bool>("--wide") { Description = "Tables in full: every column, nothing wrapped (default: fit the terminal, or 100 columns)", Recursive = true };
root.Options.Add(wide);
root.Subcommands.Add(ListsCommands.Build());
root.Subcommands.Add(ScreenCommand.Build());
root.Subcommands.Add(CompareCommand.Build());
root.Subcommands.Add(CheckCommand.Build());
root.Subcommands.Add(ClassifyCommand.Build());
root.Subcommands.Add(Chokepoint.Cli.Licensing.LicensingCommands.Users());
root.Subcommands.Add(Chokepoint.Cli.Licensing.LicensingCommands.Audit());
root.Subcommands.Add(Chokepoint.Cli.Database.DbCommands.Build());
root.Subcommands.Add(Chokepoint.Cli.Monitoring.MonitoringCommands.Counterparties());
root.Subcommands.Add(Chokepoint.Cli.Monitoring.MonitoringCommands.Monitor());
root.Subcommands.Add(Chokepoint.Cli.Monitoring.MonitoringCommands.Alerts());
root.Subcommands.Add(Chokepoint.Cli.Monitoring.MonitoringCommands.Screenings());
root.Subcommands.Add(Chokepoint.Cli.Monitoring.MonitoringCommands.GoodGuys());
root.Subcommands.Add(Chokepoint.Cli.Analytics.TradeCommands.Build());
// No response files: an argument starting with '@' is a value ("@SUM(1)" as a name), never a file of options to read.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parsed.GetValue(wide)) Chokepoint.Cli.Output.Width = null;
return await parsed.InvokeAsync();
