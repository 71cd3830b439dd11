"""ffmpeg lavfi filter graphs for the procedural clips (frames made by ffmpeg's own sources, no footage)."""


def lavfi_graph(spec):
    """The lavfi graph of a procedural spec, producing spec['width'] x spec['height'] at spec['fps']."""
    w, h, r, p = spec["width"], spec["height"], spec["fps"], spec["params"]
    generator = spec["source"]
    if generator == "testsrc2":
        return f"testsrc2=size={w}x{h}:rate={r},trim=start_frame={p['start_frame']},setpts=PTS-STARTPTS"
    if generator == "mandelbrot":
        return (f"mandelbrot=size={w}x{h}:rate={r}:maxiter={p['maxiter']}:start_x={p['start_x']}:start_y={p['start_y']}"
                f":start_scale={p['start_scale']:.6f}:end_scale={p['end_scale']:.8f}:end_pts={p['end_pts']:.3f}:morphamp={p['morphamp']:.4f}")
    if generator == "life":
        c = p["cell"]
        life_colour, death_colour, mold_colour = p["colours"]
        return (f"life=size={w // c}x{h // c}:rate={r}:rule={p['rule']}:ratio={p['ratio']:.4f}:seed={p['seed']}:mold={p['mold']}"
                f":life_color={life_colour}:death_color={death_colour}:mold_color={mold_colour},"
                f"trim=start_frame={p['skip']},setpts=PTS-STARTPTS,scale={w}:{h}:flags=neighbor")
    if generator == "cellauto":
        c = p["cell"]
        gr, gg, gb = p["gains"]
        return (f"cellauto=size={w // c}x{h // c}:rate={r}:rule={p['rule']}:ratio={p['ratio']:.4f}:seed={p['seed']}:full=1,"
                f"scale={w}:{h}:flags=neighbor,format=rgb24,colorchannelmixer=rr={gr:.3f}:gg={gg:.3f}:bb={gb:.3f}")
    if generator == "gradients":
        colours = "".join(f":c{i}={c}" for i, c in enumerate(p["colours"]))
        x0, y0, x1, y1 = p["line"]
        return (f"gradients=size={w}x{h}:rate={r}:seed={p['seed']}:nb_colors={len(p['colours'])}{colours}"
                f":x0={x0}:y0={y0}:x1={x1}:y1={y1}:speed={p['speed']:.4f}")
    if generator == "sierpinski":
        return f"sierpinski=size={w}x{h}:rate={r}:seed={p['seed']}:jump={p['jump']}:type={p['type']}"
    if generator == "scrolled-pattern":
        return (f"{p['pattern']}=size={w}x{h}:rate={r},scroll=horizontal={p['horizontal']:.5f}:vertical={p['vertical']:.5f},"
                f"hue=h={p['hue_speed_deg']:.3f}*n")
    raise ValueError(f"unknown procedural generator '{generator}'")
