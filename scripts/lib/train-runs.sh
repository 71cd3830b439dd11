# Sourced by the study scripts (scripts/train-promag.sh, scripts/train-regen.sh): `run NAME [GROW_FROM]` trains
# $configs/NAME.json into $runs/NAME with $vp and exports it to $runs/NAME/export; an exported run is skipped and a
# started one resumes from its last checkpoint, so a stopped script picks up where it stopped.
run() {
  local name="$1" dir="$runs/$1"
  if [ -f "$dir/export/model.safetensors" ]; then
    echo "$(basename "$0"): $name already exported"
    return
  fi
  if [ -d "$dir/checkpoints" ]; then
    $vp train resume "$dir"
  elif [ -n "${2:-}" ]; then
    $vp train "$configs/$name.json" --run-dir "$dir" --set "model.grow_from=$2"
  else
    $vp train "$configs/$name.json" --run-dir "$dir"
  fi
  $vp train export "$dir" "$dir/export"
}
