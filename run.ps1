# Build, test or benchmark HotplugCluster. Mirrors the plain dotnet commands in README.md.
param([ValidateSet('build', 'test', 'bench', 'run')][string]$Task = 'test', [string[]]$Rest = @())
$ErrorActionPreference = 'Stop'
switch ($Task) {
  'build' { dotnet build HotplugCluster.sln -c Release }
  'test'  { dotnet test HotplugCluster.sln -c Release }
  'bench' { dotnet run -c Release --project src/HotplugCluster.Cli -- bench actors --quick @Rest }
  'run'   { dotnet run -c Release --project src/HotplugCluster.Cli -- @Rest }
}
exit $LASTEXITCODE
