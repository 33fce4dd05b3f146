from sse_atlas.cli import main

raise SystemExit(main())
