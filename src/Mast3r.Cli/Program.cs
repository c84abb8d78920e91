return Mast3r.Cli.CliApp.Run(args);
