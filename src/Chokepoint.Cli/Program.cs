using System.CommandLine;
using Chokepoint.Cli.Decisions;
using Chokepoint.Cli.Lists;
using Chokepoint.Cli.Screening;

var root = new RootCommand("Chokepoint: dual-use export control and sanctions compliance.");
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
// No response files: an argument starting with '@' is a value ("@SUM(1)" as a name), never a file of options to read.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
