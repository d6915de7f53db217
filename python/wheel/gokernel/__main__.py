"""`python -m gokernel ARGS` runs the bundled gokernel binary (the kernelspec's argv uses this)."""

from gokernel import main

main()
