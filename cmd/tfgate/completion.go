package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tfgate/tfgate/internal/report"
)

// commands are tfgate's commands, as completion offers them.
var commands = []string{"check", "plan", "inspect", "rules", "test", "completion", "hook", "serve", "version", "help"}

// runCompletion prints a completion script for a shell.
func runCompletion(args []string, stdout io.Writer) error {
	fs := newFlags("completion", "completion bash|zsh|fish|powershell\n\nPrints a script that completes tfgate's commands, flags and their values:\n  bash:       source <(tfgate completion bash)\n  zsh:        tfgate completion zsh > \"${fpath[1]}/_tfgate\"\n  fish:       tfgate completion fish > ~/.config/fish/completions/tfgate.fish\n  powershell: tfgate completion powershell | Out-String | Invoke-Expression", stdout)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("give one shell: bash, zsh, fish or powershell")
	}
	flags, values := completions()
	var script string
	switch fs.Arg(0) {
	case "bash":
		script = bashCompletion(flags, values)
	case "zsh":
		script = "#compdef tfgate\nautoload -U +X bashcompinit && bashcompinit\n" + bashCompletion(flags, values)
	case "fish":
		script = fishCompletion(flags, values)
	case "powershell":
		script = powershellCompletion(flags, values)
	default:
		return fmt.Errorf("unknown shell %q: want bash, zsh, fish or powershell", fs.Arg(0))
	}
	_, err := io.WriteString(stdout, script)
	return err
}

// completions returns each command's long flags, and the values of the
// flags that take one of a few.
func completions() (flags map[string][]string, values map[string][]string) {
	names := func(define func(*pflag.FlagSet)) []string {
		fs := pflag.NewFlagSet("", pflag.ContinueOnError)
		define(fs)
		var out []string
		fs.VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				out = append(out, "--"+f.Name)
			}
		})
		return append(out, "--help")
	}
	var o checkOptions
	flags = map[string][]string{
		"check": names(func(fs *pflag.FlagSet) { checkFlags(fs, &o) }),
		"plan": names(func(fs *pflag.FlagSet) {
			checkFlags(fs, &o)
			fs.String("save-plan", "", "")
		}),
		"inspect":    names(func(fs *pflag.FlagSet) { inspectFlags(fs, &o) }),
		"rules":      {"--format", "--policy", "--no-builtin", "--help"},
		"test":       {"--verbose", "--help"},
		"serve":      names(func(fs *pflag.FlagSet) { serveFlags(fs, &o, &serveOptions{}) }),
		"completion": {"--help"},
		"version":    {"--help"},
	}
	values = map[string][]string{
		"--format":          report.Formats,
		"--color":           {"auto", "always", "never"},
		"--log-format":      {"json", "text"},
		"--fail-on":         {"critical", "high", "medium", "low", "info"},
		"--fail-on-unknown": {"none", "advisory", "soft-mandatory", "hard-mandatory"},
	}
	return flags, values
}

func bashCompletion(flags, values map[string][]string) string {
	var b strings.Builder
	b.WriteString("# bash completion for tfgate\n_tfgate() {\n")
	b.WriteString("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" flags=\"\"\n")
	fmt.Fprintf(&b, "  if [[ ${COMP_CWORD} -eq 1 ]]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    return\n  fi\n", strings.Join(commands, " "))
	b.WriteString("  case \"$prev\" in\n")
	for _, flag := range slices.Sorted(maps.Keys(values)) {
		fmt.Fprintf(&b, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", flag, strings.Join(values[flag], " "))
	}
	b.WriteString("  esac\n  case \"${COMP_WORDS[1]}\" in\n")
	for _, cmd := range slices.Sorted(maps.Keys(flags)) {
		fmt.Fprintf(&b, "    %s) flags=%q ;;\n", cmd, strings.Join(flags[cmd], " "))
	}
	b.WriteString("    completion) COMPREPLY=($(compgen -W \"bash zsh fish powershell\" -- \"$cur\")); return ;;\n")
	b.WriteString("  esac\n  if [[ \"$cur\" == -* ]]; then\n    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n  else\n    COMPREPLY=($(compgen -f -- \"$cur\"))\n  fi\n}\ncomplete -o filenames -F _tfgate tfgate\n")
	return b.String()
}

func fishCompletion(flags, values map[string][]string) string {
	var b strings.Builder
	b.WriteString("# fish completion for tfgate\ncomplete -c tfgate -f\n")
	fmt.Fprintf(&b, "complete -c tfgate -n __fish_use_subcommand -a %q\n", strings.Join(commands, " "))
	b.WriteString("complete -c tfgate -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish powershell'\n")
	for _, cmd := range slices.Sorted(maps.Keys(flags)) {
		for _, flag := range flags[cmd] {
			name := strings.TrimPrefix(flag, "--")
			line := fmt.Sprintf("complete -c tfgate -n '__fish_seen_subcommand_from %s' -l %s", cmd, name)
			if v, ok := values[flag]; ok {
				line += fmt.Sprintf(" -x -a %q", strings.Join(v, " "))
			}
			b.WriteString(line + "\n")
		}
		fmt.Fprintf(&b, "complete -c tfgate -n '__fish_seen_subcommand_from %s' -F\n", cmd)
	}
	return b.String()
}

func powershellCompletion(flags, values map[string][]string) string {
	quote := func(list []string) string {
		q := make([]string, len(list))
		for i, s := range list {
			q[i] = "'" + s + "'"
		}
		return "@(" + strings.Join(q, ", ") + ")"
	}
	var b strings.Builder
	b.WriteString("# PowerShell completion for tfgate\nRegister-ArgumentCompleter -Native -CommandName tfgate -ScriptBlock {\n")
	b.WriteString("    param($wordToComplete, $commandAst, $cursorPosition)\n")
	b.WriteString("    $words = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })\n")
	fmt.Fprintf(&b, "    $commands = %s\n    $flags = @{\n", quote(commands))
	for _, cmd := range slices.Sorted(maps.Keys(flags)) {
		fmt.Fprintf(&b, "        '%s' = %s\n", cmd, quote(flags[cmd]))
	}
	b.WriteString("    }\n    $values = @{\n")
	for _, flag := range slices.Sorted(maps.Keys(values)) {
		fmt.Fprintf(&b, "        '%s' = %s\n", flag, quote(values[flag]))
	}
	b.WriteString("    }\n")
	b.WriteString("    if ($words.Count -le 1 -or ($words.Count -eq 2 -and $wordToComplete)) { $candidates = $commands }\n")
	b.WriteString("    elseif ($values.ContainsKey($words[-1]) -or ($wordToComplete -and $words.Count -ge 2 -and $values.ContainsKey($words[-2]))) {\n")
	b.WriteString("        $flag = if ($wordToComplete) { $words[-2] } else { $words[-1] }; $candidates = $values[$flag] }\n")
	b.WriteString("    elseif ($words[1] -eq 'completion') { $candidates = @('bash', 'zsh', 'fish', 'powershell') }\n")
	b.WriteString("    elseif ($flags.ContainsKey($words[1])) { $candidates = $flags[$words[1]] }\n")
	b.WriteString("    else { $candidates = @() }\n")
	b.WriteString("    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n")
	b.WriteString("        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n    }\n}\n")
	return b.String()
}
