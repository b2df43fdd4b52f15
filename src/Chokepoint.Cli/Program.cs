using System.CommandLine;
using Chokepoint.Cli.Lists;

var root = new RootCommand("Chokepoint: dual-use export control and sanctions compliance.");
root.Subcommands.Add(ListsCommands.Build());
return await root.Parse(args).InvokeAsync();
