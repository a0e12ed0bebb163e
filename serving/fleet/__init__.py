"""`memlora serve --replicas N`: the single server's engine as N Ray Serve replicas behind one OpenAI door.

driver.py runs the worker without LitServe, replica.py makes it a multiplexed Ray Serve deployment,
ingress.py puts the single server's HTTP handlers in front, forgotten.py carries admin forgets across
replica restarts, deploy.py starts it all.
"""
