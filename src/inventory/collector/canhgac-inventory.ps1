<#
.SYNOPSIS
  Canh Gac inventory collector: writes this machine's inventory (canhgac.inventory/1) as JSON.

.DESCRIPTION
  Runs with nothing installed, from Windows 7 SP1 / Server 2008 R2 (PowerShell 2.0) to Windows 11 and
  Server 2025. Reads the OS version (build and UBR), installed hotfixes, installed programs (64- and
  32-bit Uninstall keys), Office Click-to-Run version and channel, MSI Office file versions, the Exchange
  version (ExSetup.exe) and the IP addresses, then writes <hostname>.json into -OutDir and, with
  -Server and -Token, posts it to the Canh Gac server.

  The file is plain ASCII on purpose: PowerShell 2.0 reads a script without a byte order mark in the
  system code page. Run it as an administrator or as SYSTEM (a scheduled task), for example:

    powershell.exe -NoProfile -ExecutionPolicy Bypass -File canhgac-inventory.ps1 -OutDir \\server\inventory
    powershell.exe -NoProfile -ExecutionPolicy Bypass -File canhgac-inventory.ps1 -OutDir C:\ProgramData\CanhGac `
      -Server https://canhgac.example.gov.vn -Token cg_xxxxxxxx

  Exit codes: 0 done, 1 wrong parameters, 2 the inventory could not be written or sent.

.PARAMETER OutDir
  Folder for <hostname>.json (created if missing). Default: the current folder.
.PARAMETER Server
  Base URL of the Canh Gac server (https://...). With -Token, the inventory is posted to
  <Server>/api/inventory/import.
.PARAMETER Token
  An API token (cg_...) of role unit_officer or admin; the host is filed under the token's unit unless
  -UnitId says otherwise.
.PARAMETER UnitId
  Optional unit id (a sub-unit of the token's unit).
.PARAMETER AllowHttp
  Allow a plain http:// server (the token then travels unencrypted). Only for tests on a closed network.
#>
param(
  [string]$OutDir = '.',
  [string]$Server = '',
  [string]$Token = '',
  [string]$UnitId = '',
  [switch]$AllowHttp
)

$ErrorActionPreference = 'Stop'
$SchemaTag = 'canhgac.inventory/1'

# A 32-bit PowerShell on a 64-bit Windows sees a redirected registry (no MachineGuid, only 32-bit
# programs): run again in the 64-bit PowerShell through the sysnative alias.
if ($env:PROCESSOR_ARCHITEW6432 -and -not $env:CANHGAC_RELAUNCHED) {
  $native = Join-Path $env:windir 'sysnative\WindowsPowerShell\v1.0\powershell.exe'
  if (Test-Path -LiteralPath $native) {
    $env:CANHGAC_RELAUNCHED = '1'
    $relaunch = @('-NoProfile', '-ExecutionPolicy', 'Bypass', '-File', $MyInvocation.MyCommand.Path, '-OutDir', $OutDir)
    if ($Server) { $relaunch += @('-Server', $Server) }
    if ($Token) { $relaunch += @('-Token', $Token) }
    if ($UnitId) { $relaunch += @('-UnitId', $UnitId) }
    if ($AllowHttp) { $relaunch += '-AllowHttp' }
    & $native @relaunch
    exit $LASTEXITCODE
  }
}

$Invariant = [System.Globalization.CultureInfo]::InvariantCulture

# ---- A tiny JSON writer (PowerShell 2.0 has no ConvertTo-Json) ------------------------------------

function ConvertTo-CgJsonString([string]$Text) {
  if ($Text -notmatch '[\x00-\x1f"\\\u2028\u2029]') { return '"' + $Text + '"' }
  $sb = New-Object System.Text.StringBuilder
  [void]$sb.Append('"')
  foreach ($c in $Text.ToCharArray()) {
    $code = [int]$c
    if ($c -eq '"') { [void]$sb.Append('\"') }
    elseif ($c -eq '\') { [void]$sb.Append('\\') }
    elseif ($code -eq 8) { [void]$sb.Append('\b') }
    elseif ($code -eq 9) { [void]$sb.Append('\t') }
    elseif ($code -eq 10) { [void]$sb.Append('\n') }
    elseif ($code -eq 12) { [void]$sb.Append('\f') }
    elseif ($code -eq 13) { [void]$sb.Append('\r') }
    elseif ($code -lt 32 -or $code -eq 0x2028 -or $code -eq 0x2029) {
      [void]$sb.Append('\u' + $code.ToString('x4', $Invariant))
    }
    else { [void]$sb.Append($c) }
  }
  [void]$sb.Append('"')
  return $sb.ToString()
}

function ConvertTo-CgJson($Value) {
  if ($null -eq $Value) { return 'null' }
  if ($Value -is [string]) { return (ConvertTo-CgJsonString $Value) }
  if ($Value -is [bool]) { if ($Value) { return 'true' } else { return 'false' } }
  if ($Value -is [int] -or $Value -is [long] -or $Value -is [uint32] -or $Value -is [uint64] -or $Value -is [int16] -or $Value -is [byte]) {
    return $Value.ToString($Invariant)
  }
  if ($Value -is [System.Collections.IDictionary]) {
    $parts = New-Object System.Collections.ArrayList
    foreach ($key in $Value.Keys) {
      [void]$parts.Add((ConvertTo-CgJsonString ([string]$key)) + ':' + (ConvertTo-CgJson $Value[$key]))
    }
    return '{' + ($parts -join ',') + '}'
  }
  if ($Value -is [System.Collections.IEnumerable]) {
    $parts = New-Object System.Collections.ArrayList
    foreach ($item in $Value) { [void]$parts.Add((ConvertTo-CgJson $item)) }
    return '[' + ($parts -join ',') + ']'
  }
  return (ConvertTo-CgJsonString ([string]$Value))
}

function New-CgObject { return (New-Object System.Collections.Specialized.OrderedDictionary) }
function New-CgList { return ,(New-Object System.Collections.ArrayList) }

# ---- Helpers -------------------------------------------------------------------------------------

# A registry value, or $null when the key or the value is absent.
function Get-CgRegValue([string]$Path, [string]$Name) {
  try {
    $key = Get-Item -LiteralPath $Path -ErrorAction Stop
    return $key.GetValue($Name)
  } catch {
    return $null
  }
}

# Trimmed text cut to a length the server accepts; $null for empty.
function Get-CgText($Value, [int]$Max) {
  if ($null -eq $Value) { return $null }
  $text = ([string]$Value).Trim()
  if ($text.Length -eq 0) { return $null }
  if ($text.Length -gt $Max) { $text = $text.Substring(0, $Max).Trim() }
  return $text
}

# "15.2.1544.4" from a file's version resource (numbers, never the zero-padded FileVersion text).
function Get-CgFileVersion([string]$Path) {
  if (-not $Path -or -not (Test-Path -LiteralPath $Path)) { return $null }
  try {
    $info = (Get-Item -LiteralPath $Path).VersionInfo
    return ('{0}.{1}.{2}.{3}' -f $info.FileMajorPart, $info.FileMinorPart, $info.FileBuildPart, $info.FilePrivatePart)
  } catch {
    return $null
  }
}

function Get-CgArchitecture([string]$Name) {
  if (-not $Name) { return $null }
  switch ($Name.ToUpperInvariant()) {
    'AMD64' { return 'x64' }
    'X64' { return 'x64' }
    'X86' { return 'x86' }
    'ARM64' { return 'arm64' }
  }
  return $null
}

# "yyyyMMdd" (registry InstallDate) to "yyyy-MM-dd", or $null when it is not a real date.
function Get-CgRegistryDate($Value) {
  $text = Get-CgText $Value 20
  if (-not $text -or $text -notmatch '^\d{8}$') { return $null }
  $parsed = [datetime]::MinValue
  if ([datetime]::TryParseExact($text, 'yyyyMMdd', $Invariant, [System.Globalization.DateTimeStyles]::None, [ref]$parsed)) {
    return $parsed.ToString('yyyy-MM-dd', $Invariant)
  }
  return $null
}

# Win32_QuickFixEngineering.InstalledOn: "M/d/yyyy", or a hexadecimal FILETIME on some systems.
function Get-CgHotfixDate($Value) {
  $text = Get-CgText $Value 40
  if (-not $text) { return $null }
  try {
    if ($text -match '^(\d{1,2})/(\d{1,2})/(\d{4})$') {
      $month = [int]$matches[1]; $day = [int]$matches[2]; $year = [int]$matches[3]
      if ($month -gt 12 -and $day -le 12) { $swap = $month; $month = $day; $day = $swap }
      return (New-Object DateTime $year, $month, $day).ToString('yyyy-MM-dd', $Invariant)
    }
    if ($text -match '^[0-9A-Fa-f]{15,16}$') {
      return [DateTime]::FromFileTimeUtc([Convert]::ToInt64($text, 16)).ToString('yyyy-MM-dd', $Invariant)
    }
  } catch { }
  return $null
}

# ---- Facts ---------------------------------------------------------------------------------------

$CurrentVersionKey = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
$MachineGuidKey = 'HKLM:\SOFTWARE\Microsoft\Cryptography'
$UninstallKeys = @(
  'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall',
  'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall'
)
$ClickToRunKey = 'HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
$ExchangeSetupKeys = @(
  'HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\Setup',
  'HKLM:\SOFTWARE\Microsoft\ExchangeServer\v14\Setup'
)

# Office update channels by the GUID at the end of CDNBaseUrl / UpdateChannel.
$OfficeChannels = @{
  '492350f6-3a01-4f97-b9c0-c7c6ddf67d60' = 'Current'
  '64256afe-f5d9-4f86-8936-8840a6a4f5be' = 'CurrentPreview'
  '5440fd1f-7ecb-4221-8110-145efaa6372f' = 'BetaChannel'
  '55336b82-a18d-4dd6-b5f6-9e5095c314a6' = 'MonthlyEnterprise'
  '7ffbc6bf-bc32-4f92-8982-f9dd17fd3114' = 'SemiAnnual'
  'b8f9b850-328d-4355-9145-c59439a0c4cf' = 'SemiAnnualPreview'
  'f2e724c1-748f-4b47-8fb8-8e0d210e9208' = 'PerpetualVL2019'
  '5030841d-c919-4594-8d2d-84ae4f96e58e' = 'PerpetualVL2021'
  '7983bac0-e531-40cf-be00-fd24fe66619c' = 'PerpetualVL2024'
}

function Get-CgOs {
  $os = New-CgObject
  $productName = Get-CgText (Get-CgRegValue $CurrentVersionKey 'ProductName') 200
  if (-not $productName) { $productName = 'Windows' }
  $os['productName'] = $productName
  $edition = Get-CgText (Get-CgRegValue $CurrentVersionKey 'EditionID') 100
  if ($edition) { $os['editionId'] = $edition }
  # DisplayVersion since 20H2; ReleaseId before (1507..2009); neither on Windows 7/8.1.
  $display = Get-CgText (Get-CgRegValue $CurrentVersionKey 'DisplayVersion') 20
  if (-not $display) { $display = Get-CgText (Get-CgRegValue $CurrentVersionKey 'ReleaseId') 20 }
  if ($display) { $os['displayVersion'] = $display }
  $build = Get-CgText (Get-CgRegValue $CurrentVersionKey 'CurrentBuildNumber') 10
  if (-not $build) { $build = Get-CgText (Get-CgRegValue $CurrentVersionKey 'CurrentBuild') 10 }
  if (-not $build) { $build = [string][Environment]::OSVersion.Version.Build }
  $os['currentBuild'] = $build
  $ubr = Get-CgRegValue $CurrentVersionKey 'UBR'
  if ($null -ne $ubr) { $os['ubr'] = [int]$ubr }
  $archName = $env:PROCESSOR_ARCHITEW6432
  if (-not $archName) { $archName = $env:PROCESSOR_ARCHITECTURE }
  $arch = Get-CgArchitecture $archName
  if ($arch) { $os['architecture'] = $arch }
  $installation = Get-CgText (Get-CgRegValue $CurrentVersionKey 'InstallationType') 40
  if ($installation) { $os['installationType'] = $installation }
  return $os
}

function Get-CgHotfixes {
  $list = New-CgList
  $seen = @{}
  try {
    $items = Get-WmiObject -Class Win32_QuickFixEngineering -ErrorAction Stop
  } catch {
    return ,$list
  }
  foreach ($item in $items) {
    $id = Get-CgText $item.HotFixID 40
    if (-not $id -or $id -notmatch '^KB\d{4,8}$') { continue }
    $id = $id.ToUpperInvariant()
    if ($seen.ContainsKey($id)) { continue }
    $seen[$id] = $true
    $hotfix = New-CgObject
    $hotfix['id'] = $id
    # The raw WMI text: PowerShell 3+ wraps InstalledOn in a script property that may throw.
    $rawDate = $null
    try { $rawDate = $item.psbase.Properties['InstalledOn'].Value } catch { }
    $installedOn = Get-CgHotfixDate $rawDate
    if ($installedOn) { $hotfix['installedOn'] = $installedOn }
    [void]$list.Add($hotfix)
  }
  return ,$list
}

function Get-CgPrograms {
  $list = New-CgList
  $seen = @{}
  foreach ($root in $UninstallKeys) {
    if (-not (Test-Path -LiteralPath $root)) { continue }
    foreach ($key in (Get-ChildItem -LiteralPath $root -ErrorAction SilentlyContinue)) {
      $name = Get-CgText $key.GetValue('DisplayName') 300
      if (-not $name) { continue }
      $version = Get-CgText $key.GetValue('DisplayVersion') 100
      $publisher = Get-CgText $key.GetValue('Publisher') 300
      $identity = '{0}|{1}|{2}' -f $name, $version, $publisher
      if ($seen.ContainsKey($identity)) { continue }
      $seen[$identity] = $true
      $program = New-CgObject
      $program['name'] = $name
      if ($version) { $program['version'] = $version }
      if ($publisher) { $program['publisher'] = $publisher }
      $installDate = Get-CgRegistryDate $key.GetValue('InstallDate')
      if ($installDate) { $program['installDate'] = $installDate }
      [void]$list.Add($program)
      if ($list.Count -ge 10000) { return ,$list }
    }
  }
  return ,$list
}

function Get-CgOffice {
  $office = New-CgObject
  $c2rVersion = Get-CgText (Get-CgRegValue $ClickToRunKey 'VersionToReport') 40
  if ($c2rVersion -and $c2rVersion -match '^\d+(\.\d+){1,4}$') {
    $c2r = New-CgObject
    $c2r['version'] = $c2rVersion
    $channelSource = Get-CgText (Get-CgRegValue $ClickToRunKey 'UpdateChannel') 300
    if (-not $channelSource) { $channelSource = Get-CgText (Get-CgRegValue $ClickToRunKey 'CDNBaseUrl') 300 }
    if ($channelSource -and $channelSource -match '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})') {
      $guid = $matches[1].ToLowerInvariant()
      if ($OfficeChannels.ContainsKey($guid)) { $c2r['channel'] = $OfficeChannels[$guid] } else { $c2r['channel'] = $guid }
    }
    $platform = Get-CgArchitecture (Get-CgText (Get-CgRegValue $ClickToRunKey 'Platform') 20)
    if ($platform) { $c2r['platform'] = $platform }
    $office['clickToRun'] = $c2r
  }
  # MSI Office: component file versions under Program Files\Microsoft Office\OfficeNN (Click-to-Run
  # installs live under ...\root\OfficeNN and report through VersionToReport above).
  $msi = New-CgObject
  $roots = @($env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:ProgramW6432) | Where-Object { $_ }
  $files = @{ 'outlook' = 'OUTLOOK.EXE'; 'winword' = 'WINWORD.EXE'; 'excel' = 'EXCEL.EXE'; 'powerpnt' = 'POWERPNT.EXE' }
  foreach ($component in @('outlook', 'winword', 'excel', 'powerpnt')) {
    foreach ($programFiles in $roots) {
      if ($msi.Contains($component)) { break }
      foreach ($folder in @('Office16', 'Office15', 'Office14')) {
        $version = Get-CgFileVersion (Join-Path $programFiles ('Microsoft Office\' + $folder + '\' + $files[$component]))
        if ($version) { $msi[$component] = $version; break }
      }
    }
  }
  if ($msi.Count -gt 0) { $office['msiFiles'] = $msi }
  if ($office.Count -eq 0) { return $null }
  return $office
}

function Get-CgExchange {
  foreach ($key in $ExchangeSetupKeys) {
    $installPath = Get-CgText (Get-CgRegValue $key 'MsiInstallPath') 400
    if (-not $installPath) { continue }
    $version = Get-CgFileVersion (Join-Path $installPath 'Bin\ExSetup.exe')
    if ($version) {
      $exchange = New-CgObject
      $exchange['version'] = $version
      return $exchange
    }
  }
  return $null
}

function Get-CgIps {
  $list = New-CgList
  try {
    $adapters = Get-WmiObject -Class Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE' -ErrorAction Stop
  } catch {
    return ,$list
  }
  foreach ($adapter in $adapters) {
    foreach ($address in @($adapter.IPAddress)) {
      if (-not $address) { continue }
      $ip = ([string]$address).Split('%')[0].ToLowerInvariant()
      if ($ip -match '^(127\.|169\.254\.|0\.0\.0\.0$)' -or $ip -eq '::1' -or $ip -match '^fe80:') { continue }
      if (-not $list.Contains($ip)) { [void]$list.Add($ip) }
    }
  }
  return ,$list
}

function Get-CgInventory {
  $doc = New-CgObject
  $doc['schema'] = $SchemaTag
  $doc['collectedAt'] = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $Invariant)
  $machineId = Get-CgText (Get-CgRegValue $MachineGuidKey 'MachineGuid') 40
  if ($machineId -and $machineId -match '^\{?[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}?$') {
    $doc['machineId'] = $machineId.Trim('{', '}').ToLowerInvariant()
  }
  $doc['hostname'] = $env:COMPUTERNAME
  try {
    $system = Get-WmiObject -Class Win32_ComputerSystem -ErrorAction Stop
    if ($system.PartOfDomain) {
      $domain = Get-CgText $system.Domain 253
      if ($domain) { $doc['domain'] = $domain }
    }
  } catch { }
  $doc['os'] = Get-CgOs
  $doc['hotfixes'] = Get-CgHotfixes
  $doc['programs'] = Get-CgPrograms
  $office = Get-CgOffice
  if ($office) { $doc['office'] = $office }
  $exchange = Get-CgExchange
  if ($exchange) { $doc['exchange'] = $exchange }
  $doc['ips'] = Get-CgIps
  return $doc
}

# ---- Write and send ------------------------------------------------------------------------------

if ($Server -and -not $Token) { Write-Error 'canhgac: -Server needs -Token (an API token cg_...)' -ErrorAction Continue; exit 1 }
if ($Server -and $Server -notmatch '^https://' -and -not ($AllowHttp -and $Server -match '^http://')) {
  Write-Error 'canhgac: -Server must start with https:// (or pass -AllowHttp on a closed test network)' -ErrorAction Continue
  exit 1
}

try {
  $inventory = Get-CgInventory
  $json = ConvertTo-CgJson $inventory
  if (-not (Test-Path -LiteralPath $OutDir)) { [void](New-Item -ItemType Directory -Path $OutDir -Force) }
  $file = Join-Path (Resolve-Path -LiteralPath $OutDir).ProviderPath ($inventory['hostname'] + '.json')
  # UTF-8 without a byte order mark (Out-File -Encoding UTF8 would write one).
  [System.IO.File]::WriteAllText($file, $json, (New-Object System.Text.UTF8Encoding $false))
  Write-Output ('canhgac: wrote ' + $file)
} catch {
  Write-Error ('canhgac: inventory failed: ' + $_.Exception.Message) -ErrorAction Continue
  exit 2
}

if ($Server) {
  try {
    # TLS 1.2 (3072) is not on by default for .NET 3.5 / PowerShell 2.0 (Windows 7 needs KB3154518).
    try { [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.ServicePointManager]::SecurityProtocol -bor 3072 } catch { }
    $url = $Server.TrimEnd('/') + '/api/inventory/import'
    if ($UnitId) { $url = $url + '?unitId=' + [System.Uri]::EscapeDataString($UnitId) }
    $client = New-Object System.Net.WebClient
    $client.Encoding = [System.Text.Encoding]::UTF8
    $client.Headers.Add('Authorization', 'Bearer ' + $Token)
    $client.Headers.Add('Content-Type', 'application/json; charset=utf-8')
    $answer = $client.UploadString($url, 'POST', $json)
    Write-Output ('canhgac: sent to ' + $url + ': ' + $answer)
  } catch [System.Net.WebException] {
    $detail = $_.Exception.Message
    if ($_.Exception.Response) {
      try {
        $reader = New-Object System.IO.StreamReader($_.Exception.Response.GetResponseStream())
        $detail = $detail + ' ' + $reader.ReadToEnd()
      } catch { }
    }
    Write-Error ('canhgac: sending failed: ' + $detail) -ErrorAction Continue
    exit 2
  } catch {
    Write-Error ('canhgac: sending failed: ' + $_.Exception.Message) -ErrorAction Continue
    exit 2
  }
}
exit 0
