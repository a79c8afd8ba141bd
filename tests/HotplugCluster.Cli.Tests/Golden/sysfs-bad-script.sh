# The third line is not valid daxctl syntax: nothing runs, and the error names line 3.
daxctl list
daxctl reconfigure-device -m ram dax0.0
